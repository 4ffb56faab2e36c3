import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Base64FileSink } from '../src/edxml/base64-file-sink.js';
import { useWorkDir } from './work-dir.js';

const work = useWorkDir();
const ALPHABET = /[A-Za-z0-9+/]/;
// What the sink skips: XML's whitespace and the two ASCII controls (VT, FF) it always dropped.
const WHITESPACE = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20];

/** Feeds `pieces` (base64 text as bytes) to a new sink; its file's bytes and what finish() said, or the error. */
async function sink(pieces: readonly Buffer[], dir = work()): Promise<{ bytes: Buffer; size: number; sha256: string }> {
  const path = join(dir, `attachment-${Math.random().toString(36).slice(2)}`);
  const into = await Base64FileSink.create(path, 64 * 1024 * 1024);
  try {
    for (const piece of pieces) await into.write(piece);
  } catch (error) {
    await into.abort();
    throw error;
  }
  const done = await into.finish();
  return { bytes: readFileSync(path), ...done };
}

/** `text` cut into pieces of `size` bytes. */
function cut(text: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.subarray(at, at + size));
  return pieces;
}

const plain = randomBytes(3 * 40_000 + 2);
const encoded = Buffer.from(plain.toString('base64'), 'latin1');

describe('the base64 sink decodes what is base64 and refuses every other byte (base64-file-sink.ts)', () => {
  it('unwrapped base64, cut into pieces of every size from 1 to 9 bytes and of 64 KB, decodes to the bytes, hashed', async () => {
    const dir = work();
    const small = Buffer.from(plain.subarray(0, 200).toString('base64'), 'latin1');
    for (let size = 1; size <= 9; size += 1) {
      const got = await sink(cut(small, size), dir);
      expect(got.bytes.equals(plain.subarray(0, 200))).toBe(true);
    }
    const whole = await sink(cut(encoded, 64 * 1024), dir);
    expect(whole.bytes.equals(plain)).toBe(true);
    expect(whole.size).toBe(plain.length);
    expect(whole.sha256).toBe(createHash('sha256').update(plain).digest('hex'));
  });

  it('every byte outside the alphabet, whitespace and the padding is refused, wherever it stands in a piece', async () => {
    const dir = work();
    const accepted: number[] = [];
    for (let byte = 0; byte < 256; byte += 1) {
      if (ALPHABET.test(String.fromCharCode(byte)) || WHITESPACE.includes(byte) || byte === 0x3d) continue;
      // In place of a character (the length stays right, so only the byte itself can be refused): in the middle of a
      // long piece, at the start of a quantum and at its end, in the first piece or past a piece edge.
      for (const at of [40_001, 4, 7, 64 * 1024 + 2]) {
        const text = Buffer.from(encoded);
        text[at] = byte;
        const outcome = await sink(cut(text, 64 * 1024), dir).then(
          () => 'accepted',
          (error: { code?: string }) => error.code,
        );
        if (outcome !== 'E_EDXML_ATTACHMENT_INVALID') accepted.push(byte);
      }
    }
    // base64url's '-' and '_' among them: Node's decoder would take those as '+' and '/'.
    expect(accepted).toEqual([]);
  });

  it('whitespace anywhere is skipped: line-wrapped, or one such byte inside a quantum', async () => {
    const dir = work();
    const wrapped = Buffer.from(plain.toString('base64').replace(/.{76}/g, '$&\r\n'), 'latin1');
    expect((await sink(cut(wrapped, 64 * 1024), dir)).bytes.equals(plain)).toBe(true);
    for (const byte of WHITESPACE) {
      const text = Buffer.concat([encoded.subarray(0, 40_001), Buffer.from([byte]), encoded.subarray(40_001)]);
      expect((await sink(cut(text, 64 * 1024), dir)).bytes.equals(plain)).toBe(true);
    }
  });

  it('padding ends the data: the padded end decodes, data after it is refused, a cut quantum is refused', async () => {
    const dir = work();
    const one = plain.subarray(0, 1000);
    const text = Buffer.from(one.toString('base64'), 'latin1');
    expect(text.subarray(-2).toString('latin1')).toBe('==');
    expect((await sink(cut(text, 333), dir)).bytes.equals(one)).toBe(true);
    await expect(sink([text, Buffer.from('QUJD', 'latin1')], dir)).rejects.toMatchObject({ code: 'E_EDXML_ATTACHMENT_INVALID' });
    await expect(sink([encoded.subarray(0, 4001)], dir)).rejects.toMatchObject({ code: 'E_EDXML_ATTACHMENT_INVALID' });
  });
});
