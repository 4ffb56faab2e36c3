/**
 * Mutation fuzzing shared by the PDF and edXML fuzzers: a seeded generator (every case can be replayed from its seed
 * and index) and byte- and token-level mutations of a seed file. No randomness outside `Random`.
 */

/** mulberry32: small, fast and good enough to spread mutations; deterministic from a 32-bit seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** The seed of case `index` in a run seeded `runSeed`: a case is replayed from these two numbers alone. */
export const caseSeed = (runSeed: number, index: number): number => (Math.imul(runSeed ^ 0x9e3779b9, 0x85ebca6b) + index * 0x27d4eb2f) >>> 0;

/** Values that break parsers: bounds of integer types, zero, negatives, huge counts, fractions, non-numbers. */
const INTERESTING_NUMBERS = ['0', '-1', '1', '255', '256', '65535', '65536', '2147483647', '2147483648', '4294967296', '100000000', '1e8', '-2147483648', '999999999999', '0.5', 'NaN', '00000000000000000001'];

export type Mutation = (input: Buffer, random: Random, tokens: readonly string[], other: Buffer) => Buffer;

const span = (input: Buffer, random: Random, max = 64): [number, number] => {
  const start = random.int(Math.max(1, input.length));
  return [start, Math.min(input.length, start + 1 + random.int(max))];
};

/** Byte-level mutations (AFL's classics) plus format-aware ones driven by the target's token list. */
export const MUTATIONS: Record<string, Mutation> = {
  flipBit(input, random) {
    const out = Buffer.from(input);
    if (out.length) out[random.int(out.length)]! ^= 1 << random.int(8);
    return out;
  },
  setByte(input, random) {
    const out = Buffer.from(input);
    if (out.length) out[random.int(out.length)] = random.pick([0, 0xff, 0x7f, 0x80, 0x0a, 0x0d, 0x20, 0x25, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x2f]);
    return out;
  },
  deleteRange(input, random) {
    const [a, b] = span(input, random, 512);
    return Buffer.concat([input.subarray(0, a), input.subarray(b)]);
  },
  duplicateRange(input, random) {
    const [a, b] = span(input, random, 512);
    const at = random.int(input.length + 1);
    return Buffer.concat([input.subarray(0, at), input.subarray(a, b), input.subarray(at)]);
  },
  repeatRange(input, random) {
    const [a, b] = span(input, random, 16);
    const times = 1 + random.int(2000);
    return Buffer.concat([input.subarray(0, b), ...Array.from({ length: times }, () => input.subarray(a, b)), input.subarray(b)]);
  },
  truncate(input, random) {
    return input.subarray(0, random.int(input.length + 1));
  },
  insertToken(input, random, tokens) {
    const at = random.int(input.length + 1);
    return Buffer.concat([input.subarray(0, at), Buffer.from(random.pick(tokens), 'latin1'), input.subarray(at)]);
  },
  replaceNumber(input, random) {
    // A number somewhere after a random point: offsets, lengths, counts, object numbers, widths.
    const text = input.toString('latin1');
    const from = random.int(Math.max(1, text.length));
    const match = /\d+/g;
    match.lastIndex = from;
    const hit = match.exec(text) ?? /\d+/.exec(text);
    if (!hit) return input;
    const value = random.pick(INTERESTING_NUMBERS);
    return Buffer.concat([input.subarray(0, hit.index), Buffer.from(value, 'latin1'), input.subarray(hit.index + hit[0].length)]);
  },
  replaceToken(input, random, tokens) {
    const token = Buffer.from(random.pick(tokens), 'latin1');
    const at = input.indexOf(token, random.int(Math.max(1, input.length)));
    if (at < 0) return input;
    return Buffer.concat([input.subarray(0, at), Buffer.from(random.pick(tokens), 'latin1'), input.subarray(at + token.length)]);
  },
  splice(input, random, _tokens, other) {
    const at = random.int(input.length + 1);
    const from = random.int(Math.max(1, other.length));
    return Buffer.concat([input.subarray(0, at), other.subarray(from, from + 1 + random.int(4096)), input.subarray(at)]);
  },
};

const NAMES = Object.keys(MUTATIONS);

/** One to four stacked mutations of `seed` (havoc): the names say what was done, for the report. */
export function mutate(seed: Buffer, other: Buffer, random: Random, tokens: readonly string[]): { bytes: Buffer; applied: string[] } {
  let bytes = seed;
  const applied: string[] = [];
  const count = 1 + random.int(4);
  for (let i = 0; i < count; i++) {
    const name = random.pick(NAMES);
    bytes = MUTATIONS[name]!(bytes, random, tokens, other);
    applied.push(name);
  }
  return { bytes, applied };
}
