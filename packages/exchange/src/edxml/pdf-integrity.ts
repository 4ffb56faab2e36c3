import type { FileHandle } from 'node:fs/promises';

/**
 * A cheap check that PDF bytes survived the trip: `startxref` must point at an xref table or an xref stream object.
 * A PDF that went through a text decoding (U+FFFD for every non-UTF-8 byte) fails it, since its offsets moved.
 * Returns the reason, or null when the file looks whole. The caller's handle: it has the file open already.
 */
export async function pdfDamage(file: FileHandle, size: number): Promise<string | null> {
  const tailLength = Math.min(size, 2048);
  const tail = Buffer.alloc(tailLength);
  await file.read(tail, 0, tailLength, size - tailLength);
  const match = /startxref\s+(\d+)\s+%%EOF/.exec(tail.toString('latin1'));
  if (!match) return 'không có startxref / no startxref before %%EOF';
  const offset = Number(match[1]);
  if (offset >= size) return `startxref ${offset} nằm ngoài tệp / points past the end`;
  const at = Buffer.alloc(32);
  await file.read(at, 0, 32, offset);
  const text = at.toString('latin1');
  if (/^xref\b/.test(text) || /^\d+\s+\d+\s+obj\b/.test(text)) return null;
  return `startxref ${offset} không trỏ vào bảng xref (tệp bị biến đổi) / does not point at an xref (bytes altered)`;
}

export function looksLikePdf(head: Buffer): boolean {
  return head.subarray(0, 5).toString('latin1') === '%PDF-';
}
