import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusSample, renderScan } from '../../../packages/docs-core/test/ocr/scan-corpus.js';
import { REPO_ROOT, runEoffice } from './run-eoffice.js';

const DEMO = resolve(REPO_ROOT, 'resources/demo/province-650.json');
/** A word that is only in the scan's picture: neither the subject typed at receipt nor any other field holds it. */
const IMAGE_ONLY_LINE = 'Điều 3. Kiểm kê khoáng sản tại mỏ đá vôi Lạc Thủy trước mùa mưa.';
/** Configuration pointing at an engine that is not there (EOFFICE_TESSERACT, tesseract-engine.ts). */
const NO_ENGINE = { EOFFICE_TESSERACT: '/nonexistent/bin/tesseract' };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// The real engine (Tesseract vie+eng, poppler's pdftoppm) on one clean 300 dpi page; each step spawns the CLI.
describe('eoffice ocr: a paper scan becomes searchable, its original untouched', { timeout: 300_000 }, () => {
  let root = '';
  let dataDir = '';
  let scan = '';
  let scanSha = '';
  const sample = corpusSample(2);
  const eoffice = (args: string[], env?: NodeJS.ProcessEnv) => runEoffice([...args, '--data-dir', dataDir], env ? { env } : {});
  const json = async <T>(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; body: T }> => {
    const run = await eoffice([...args, '--json'], env);
    return { code: run.code, body: JSON.parse(run.stdout) as T };
  };
  const hits = async (text: string) => {
    const found = await json<{ hits: { id: string }[] }>(['search', text, '--as', 'vanthu']);
    expect(found.code).toBe(0);
    return found.body.hits.map((h) => h.id);
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'eoffice-cli-ocr-'));
    dataDir = join(root, 'data');
    scan = join(root, 'scan.pdf');
    const bytes = await renderScan({ ...sample, body: [...sample.body.slice(0, 2), IMAGE_ONLY_LINE] }, { dpi: 300, skew: 0, noise: 0, jpegQuality: 90 });
    await writeFile(scan, bytes);
    scanSha = sha256(bytes);
    for (const args of [
      ['db', 'init', '--agency', '000.00.01.Z99', '--name', 'Văn phòng UBND tỉnh Demo'],
      ['user', 'add', 'admin', '--role', 'admin'],
      ['user', 'add', 'vanthu', '--role', 'clerk', '--as', 'admin'],
      ['directory', 'import', DEMO, '--as', 'admin'],
    ]) {
      const run = await eoffice(args);
      expect(run.code, run.stderr).toBe(0);
    }
  }, 300_000);
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('proposes số, ký hiệu, date, issuer, type and subject from the scan with --suggest, and stores nothing', async () => {
    const suggested = await json<Record<string, { value: unknown; confidence: number } | string | null>>(['doc', 'receive', '--file', scan, '--suggest', '--as', 'vanthu']);
    expect(suggested.code).toBe(0);
    expect(suggested.body).toMatchObject({
      source: 'ocr',
      number: { value: sample.number },
      symbol: { value: sample.symbol },
      issuedDate: { value: sample.date },
      issuer: { value: { code: sample.issuerCode } },
      type: { value: sample.type },
    });
    for (const field of ['number', 'symbol', 'issuedDate', 'issuer', 'type', 'subject'] as const) {
      const proposal = suggested.body[field] as { confidence: number };
      expect(proposal.confidence, field).toBeGreaterThan(0);
      expect(proposal.confidence, field).toBeLessThanOrEqual(1);
    }
    const counted = await json<{ documentCounts: { total: number } }>(['info', '--as', 'vanthu']);
    expect(counted.body.documentCounts.total).toBe(0);
    // The page images of the scan (a secret one too) do not outlive the call.
    expect((await readdir(join(dataDir, 'tmp'))).filter((name) => name.startsWith('ocr-'))).toEqual([]);
  });

  it('without the engine: a clear status, a line in eoffice info, no crash; with it, after a restart, the word in the image is found', async () => {
    const received = await json<{ id: string; files: { role: string; sha256: string }[] }>([
      'doc', 'receive', '--file', scan, '--paper', '--from', sample.issuerCode, '--number', sample.number, '--symbol', sample.symbol,
      '--date', sample.date, '--type', sample.type, '--subject', 'Văn bản giấy quét', '--as', 'vanthu',
    ]);
    expect(received.code).toBe(0);
    const id = received.body.id;
    expect(received.body.files.map((f) => f.sha256)).toContain(scanSha);

    // Text extraction (run by search) finds no text layer and queues the scan.
    expect(await hits('khoang san')).toEqual([]);
    expect((await json<{ status: string }>(['ocr', 'status', id, '--as', 'vanthu'])).body.status).toBe('pending');

    const missing = await json<{ done: number; unavailable: string; queue: Record<string, number> }>(['ocr', 'run'], NO_ENGINE);
    expect(missing.code).toBe(1);
    expect(missing.body).toMatchObject({ done: 0, unavailable: expect.stringContaining('Tesseract'), queue: { unavailable: 1 } });
    const waiting = await json<{ status: string; files: { status: string; reason: string }[] }>(['ocr', 'status', id, '--as', 'vanthu'], NO_ENGINE);
    expect(waiting.body).toMatchObject({ status: 'unavailable', files: [{ status: 'unavailable', reason: expect.stringContaining('tesseract-ocr') }] });
    const infoJson = await json<{ ocr: { available: boolean; detail: string } }>(['info'], NO_ENGINE);
    expect(infoJson.code).toBe(0);
    expect(infoJson.body.ocr).toEqual({ available: false, detail: expect.stringContaining('Tesseract') });
    const infoText = await eoffice(['info'], NO_ENGINE);
    expect(infoText.code).toBe(0);
    expect(infoText.stdout).toMatch(/Nhận dạng chữ \/ OCR: +không dùng được \/ unavailable: .*Tesseract/);

    // A new process with the engine: the queue kept the job.
    const ran = await json<{ done: number; failed: number; queue: Record<string, number> }>(['ocr', 'run']);
    expect(ran.code).toBe(0);
    expect(ran.body).toMatchObject({ done: 1, failed: 0, queue: { done: 1, pending: 0, unavailable: 0 } });
    const status = await json<{ status: string; files: { sha256: string; status: string; pagesRead: number }[] }>(['ocr', 'status', id, '--as', 'vanthu']);
    expect(status.body).toMatchObject({ id, status: 'done', files: [{ sha256: scanSha, status: 'done', pagesRead: 1 }] });

    expect(await hits('khoang san')).toEqual([id]);
    expect(await hits('khoáng sản')).toEqual([id]);
    const stored = await readFile(join(dataDir, 'blobs', scanSha.slice(0, 2), scanSha.slice(2, 4), scanSha));
    expect(sha256(stored)).toBe(scanSha);

    const info = await json<{ ocr: { available: boolean; detail: string } }>(['info']);
    expect(info.body.ocr).toEqual({ available: true, detail: expect.stringMatching(/tesseract 5.*vie/) });
  });

  it('makes a searchable PDF/A-2b reader copy beside the original, marked as a copy, the original untouched', async () => {
    const received = await json<{ id: string }>([
      'doc', 'receive', '--file', scan, '--paper', '--from', sample.issuerCode, '--number', '82', '--symbol', sample.symbol,
      '--date', sample.date, '--type', sample.type, '--subject', 'Bản giấy để sao', '--as', 'vanthu',
    ]);
    expect(received.code).toBe(0);
    const id = received.body.id;
    const out = join(root, 'ban-sao.pdf');

    // Without the engine: a clear refusal, exit 1, nothing written.
    const refused = await eoffice(['doc', 'ocr-copy', id, '--out', out, '--as', 'vanthu'], NO_ENGINE);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('E_OCR_UNAVAILABLE');
    await expect(stat(out)).rejects.toThrow();

    const made = await json<{ id: string; path: string; pages: number; originalSha256: string }>(['doc', 'ocr-copy', id, '--out', out, '--as', 'vanthu']);
    expect(made.code).toBe(0);
    expect(made.body).toMatchObject({ id, path: out, pages: 1, originalSha256: scanSha });
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    // The original is the document of record, byte for byte; the copy is other bytes.
    const stored = await readFile(join(dataDir, 'blobs', scanSha.slice(0, 2), scanSha.slice(2, 4), scanSha));
    expect(sha256(stored)).toBe(scanSha);
    const copy = await readFile(out);
    expect(sha256(copy)).not.toBe(scanSha);

    // Two layers: the scan has no text; the copy has the picture and, under it, the words only the picture held.
    const text = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text(scan).trim()).toBe('');
    expect(text(out)).toContain('khoáng sản');
    expect(execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' }).trim().split('\n').slice(2)).toHaveLength(1);
    // Marked as a copy: on the page, in the Title, and in XMP naming the original.
    expect(text(out)).toContain('BẢN SAO ĐỂ ĐỌC');
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Title: +Bản sao để đọc \(OCR\) — 82\/TB-SYT/);

    // PDF/A-2b, by the rules we implement: XMP declaring part 2 / conformance B and agreeing with the Info dictionary,
    // an output intent with an embedded ICC profile, a file ID, every font embedded, nothing encrypted.
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line.split(/\s+/).at(-5), line).toBe('yes');
    const expanded = join(root, 'ban-sao-qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', out, expanded]);
    const raw = (await readFile(expanded)).toString('latin1');
    const xmp = Buffer.from(raw.slice(raw.indexOf('<?xpacket begin'), raw.indexOf('<?xpacket end')), 'latin1').toString('utf8');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain(`<eoffice:originalSha256>${scanSha}</eoffice:originalSha256>`);
    expect(xmp).toContain(`<eoffice:documentId>${id}</eoffice:documentId>`);
    expect(xmp).toMatch(/<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Bản sao để đọc \(OCR\) — 82\/TB-SYT/);
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
    expect(raw).toMatch(/\/DestOutputProfile \d+ 0 R/);
    const icc = raw.indexOf('acsp');
    expect(icc).toBeGreaterThan(36);
    expect(raw.slice(icc - 20, icc - 16)).toBe('GRAY');
    // In the copy's own trailer: qpdf would add an ID to its expanded output if there were none.
    const trailer = copy.toString('latin1').slice(copy.toString('latin1').lastIndexOf('trailer'));
    expect(trailer).toMatch(/\/ID \[ *<[0-9a-f]{32}> *<[0-9a-f]{32}> *\]/);
    expect(raw).not.toContain('/Encrypt');
  });
});
