import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sdkHex } from '../src/axis/header-signature.js';
import { storeBody } from '../src/axis-server/store-body.js';
import { useWorkDir } from './work-dir.js';

const work = useWorkDir();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();
/** A body in exactly these pieces (objectMode off: each Buffer reaches the transform as one chunk). */
const body = (pieces: readonly string[]) => Readable.from(pieces.map((p) => Buffer.from(p, 'latin1')), { objectMode: false });

describe('the axis stores a sent body (store-body.ts)', () => {
  // The stored message is the body without the one CRLF the SDK appends; the hash, taken as the body streams by with
  // its last two bytes held back, is the stored file's, wherever the pieces are cut.
  const cases: ReadonlyArray<readonly [string, readonly string[], string]> = [
    ['CRLF in its own piece', ['<edXML/>', '\r\n'], '<edXML/>'],
    ['CRLF cut between two pieces', ['<edXML/>\r', '\n'], '<edXML/>'],
    ['CR and LF each alone, after a one-byte piece', ['<edXML/', '>', '\r', '\n'], '<edXML/>'],
    ['every byte its own piece', [...'ab\r\n'], 'ab'],
    ['CRLF at the end of one piece', ['<edXML/>\r\n'], '<edXML/>'],
    ['a CRLF not at the end stays', ['ab\r\n', 'cd'], 'ab\r\ncd'],
    ['only one of the two CRLFs goes', ['x\r\n\r', '\n'], 'x\r\n'],
    ['a lone LF stays', ['<edXML/>\n'], '<edXML/>\n'],
    ['a lone CR stays', ['<edXML/>', '\r'], '<edXML/>\r'],
    ['LF CR is not CRLF', ['ab\n\r'], 'ab\n\r'],
    ['one byte', ['x'], 'x'],
    ['only a CRLF', ['\r\n'], ''],
    ['nothing', [], ''],
  ];
  for (const [name, pieces, stored] of cases) {
    it(name, async () => {
      const dir = work();
      const result = await storeBody(body(pieces), dir, 1024);
      const expected = Buffer.from(stored, 'latin1');
      expect(result).not.toBeNull();
      expect(readFileSync(result!.path).equals(expected)).toBe(true);
      expect(result!.size).toBe(expected.length);
      expect(result!.sha256).toBe(sha256(expected).toString('hex'));
      expect(result!.sdkHash).toBe(sdkHex(sha256(expected)));
      expect(statSync(result!.path).mode & 0o777).toBe(0o600);
    });
  }

  it('a body over the limit is refused and leaves no file', async () => {
    const dir = work();
    expect(await storeBody(body(['0123456789', 'abcdef']), dir, 12)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
    // At the limit it is stored.
    expect(await storeBody(body(['0123456789', 'ab']), dir, 12)).toMatchObject({ size: 12 });
  });
});
