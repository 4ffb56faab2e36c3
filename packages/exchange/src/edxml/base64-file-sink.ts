import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { edxmlError } from './edxml-error.js';

const NOT_BASE64 = /[^A-Za-z0-9+/=]/;
// XML's whitespace (and the two ASCII controls the old text-based sink also dropped): line-wrapped base64 is common.
const WHITESPACE = /[\t\n\v\f\r ]+/g;
// The bytes are looked at as one-byte (latin1) strings of at most this many characters: such a string is a
// young-generation object; a longer one would land in V8's large-object space, which only a full mark-compact frees.
const TEXT_PIECE = 64 * 1024;

/**
 * Decodes base64 arriving in pieces of bytes straight into a file (0600), hashing as it goes: an attachment of any
 * size costs one piece of memory. Anything but base64 and whitespace is refused, as is data after the padding.
 *
 * It takes the message's bytes, not text: base64 is ASCII, so a byte is a character, and the message never has to be
 * decoded from UTF-8 (that decoding, the string joins and the whitespace pass over each piece were a fifth of the
 * receiver's main-thread time for a 1 MB attachment).
 */
export class Base64FileSink {
  readonly path: string;
  readonly #limit: number;
  readonly #hash: Hash = createHash('sha256');
  #file: FileHandle | null = null;
  #carry = '';
  #padded = false;
  #size = 0;
  #out: Buffer = Buffer.alloc(0);

  private constructor(path: string, limit: number) {
    this.path = path;
    this.#limit = limit;
  }

  static async create(path: string, limit: number): Promise<Base64FileSink> {
    const sink = new Base64FileSink(path, limit);
    sink.#file = await open(path, 'wx', 0o600);
    return sink;
  }

  /** Decodes `bytes` (base64 text, any whitespace) and writes what they decode to with one write. */
  async write(bytes: Uint8Array): Promise<void> {
    // At most 3 bytes out for every 4 characters in, the carried characters included.
    const room = Math.ceil(((bytes.length + this.#carry.length) * 3) / 4) + 3;
    // Reused from one write to the next (each write is awaited before the next decodes into it).
    if (this.#out.length < room) this.#out = Buffer.allocUnsafe(room);
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    let decoded = 0;
    for (let offset = 0; offset < view.length; offset += TEXT_PIECE) {
      const piece = view.toString('latin1', offset, Math.min(view.length, offset + TEXT_PIECE));
      let clean = this.#carry + piece;
      const made = this.#decodePlain(clean, decoded);
      if (made >= 0) {
        decoded += made;
        continue;
      }
      if (NOT_BASE64.test(clean)) {
        clean = clean.replace(WHITESPACE, '');
        if (NOT_BASE64.test(clean)) {
          throw edxmlError('E_EDXML_ATTACHMENT_INVALID', 'Tệp đính kèm không phải base64', 'an attachment is not base64');
        }
      }
      const whole = clean.length - (clean.length % 4);
      this.#carry = clean.slice(whole);
      if (whole > 0) decoded += this.#decode(whole === clean.length ? clean : clean.slice(0, whole), decoded);
    }
    this.#size += decoded;
    if (this.#size > this.#limit) {
      throw edxmlError('E_EDXML_TOO_LARGE', 'Tệp đính kèm quá lớn', `an attachment is larger than ${this.#limit} bytes`);
    }
    if (decoded === 0) return;
    const out = this.#out.subarray(0, decoded);
    this.#hash.update(out);
    await this.#file?.write(out);
  }

  /**
   * Unwrapped base64 before its padding (every piece of a message but its last, as senders write it): decoded as it
   * is, and known valid when it made exactly 3 bytes for every 4 characters. Node's decoder skips whitespace and any
   * character outside the alphabet except '-' and '_' (base64url's, looked for apart), so one such character makes
   * fewer bytes (edxml-base64-sink.test.ts holds it to that for every byte value). Returns the bytes made, with the
   * part after the last whole quantum carried, or -1 for the checked path (whitespace, padding, anything refused),
   * which decodes again from `at`. The regular expression's scan of every character was 5% of the receiver's main thread.
   */
  #decodePlain(text: string, at: number): number {
    const whole = text.length - (text.length % 4);
    if (whole === 0 || this.#padded || text.includes('=') || text.includes('-') || text.includes('_')) return -1;
    const made = this.#out.write(whole === text.length ? text : text.slice(0, whole), at, 'base64');
    if (made !== (whole / 4) * 3) return -1;
    this.#carry = text.slice(whole);
    return made;
  }

  /** Decodes whole base64 quanta into the output buffer at `at`; returns how many bytes they made. */
  #decode(quads: string, at: number): number {
    const pad = quads.indexOf('=');
    if (this.#padded || (pad >= 0 && !/^=*$/.test(quads.slice(pad)))) {
      throw edxmlError('E_EDXML_ATTACHMENT_INVALID', 'Dữ liệu sau phần đệm base64', 'data after the base64 padding');
    }
    if (pad >= 0) {
      this.#padded = true;
      if (quads.length - pad > 2) {
        throw edxmlError('E_EDXML_ATTACHMENT_INVALID', 'Phần đệm base64 sai', 'bad base64 padding');
      }
    }
    return this.#out.write(quads, at, 'base64');
  }

  /** Closes the file; a trailing part that is not a whole base64 quantum is refused. */
  async finish(): Promise<{ size: number; sha256: string }> {
    if (this.#carry.length > 0) {
      await this.abort();
      throw edxmlError('E_EDXML_ATTACHMENT_INVALID', 'Độ dài base64 không hợp lệ', 'truncated base64 (length not a multiple of 4)');
    }
    await this.#file?.close();
    this.#file = null;
    return { size: this.#size, sha256: this.#hash.digest('hex') };
  }

  async abort(): Promise<void> {
    await this.#file?.close().catch(() => undefined);
    this.#file = null;
  }
}
