import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

/** A PDF of about `bytes` bytes written in a stream: pages with uncompressed 1 MB grey images (a scan, roughly). */
export function writeBigPdf(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  let pos = 0;
  const offsets: number[] = [];
  const put = (data: string | Buffer): void => {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    writeSync(fd, b);
    pos += b.length;
  };
  const obj = (num: number, body: string | Buffer[]): void => {
    offsets[num] = pos;
    put(`${num} 0 obj\n`);
    if (typeof body === 'string') put(body);
    else for (const b of body) put(b);
    put('\nendobj\n');
  };
  const side = 1024;
  const image = randomBytes(side * side);
  const pages = Math.max(1, Math.round(bytes / image.length));
  put('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i * 3} 0 R`).join(' ');
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  const content = 'q 500 0 0 500 50 170 cm /Im0 Do Q';
  for (let i = 0; i < pages; i++) {
    const n = 3 + i * 3;
    obj(n, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${n + 1} 0 R /Resources << /XObject << /Im0 ${n + 2} 0 R >> >> >>`);
    obj(n + 1, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    obj(n + 2, [
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${image.length} >>\nstream\n`),
      image,
      Buffer.from('\nendstream'),
    ]);
  }
  const size = 3 + pages * 3;
  const xref = pos;
  put(`xref\n0 ${size}\n0000000000 65535 f \n`);
  for (let n = 1; n < size; n++) put(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  put(`trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  closeSync(fd);
}
