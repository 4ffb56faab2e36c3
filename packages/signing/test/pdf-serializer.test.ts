import { describe, expect, it } from 'vitest';
import { MemoryByteSource, PdfByteWriter, PdfDict, PdfName, PdfRaw, PdfRef, PdfString, formatName, formatNumber } from '../src/index.js';
import { PdfParser } from '../src/pdf/pdf-parser.js';

const write = (o: ConstructorParameters<typeof PdfDict>[0]): string => new PdfByteWriter().object(new PdfDict(o)).toBytes().toString('latin1');
const parse = (text: string): unknown => new PdfParser(new MemoryByteSource(Buffer.from(text, 'latin1')), 0).parseObject();

describe('PDF serialisation', () => {
  it('writes numbers without exponents and names with # escapes', () => {
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-12.5)).toBe('-12.5');
    expect(formatNumber(123456789)).toBe('123456789');
    expect(() => formatNumber(Number.NaN)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(formatName('A B/C#')).toBe('/A#20B#2fC#23');
  });

  it('round-trips through our parser: strings, Vietnamese text, refs, nested arrays', () => {
    const text = write([
      ['T', PdfString.fromText('Chữ ký văn thư')],
      ['Plain', PdfString.fromText('a (b) \\ c')],
      ['Ref', new PdfRef(12, 0)],
      ['Arr', [1, 2.5, [true, null, new PdfName('X Y')]]],
    ]);
    const dict = parse(text) as PdfDict;
    expect((dict.get('T') as PdfString).toText()).toBe('Chữ ký văn thư');
    expect((dict.get('Plain') as PdfString).toText()).toBe('a (b) \\ c');
    expect((dict.get('Ref') as PdfRef).key).toBe('12 0');
    expect(dict.get('Arr')).toEqual([1, 2.5, [true, null, new PdfName('X Y')]]);
  });

  it('reports where identified raw placeholders land', () => {
    const w = new PdfByteWriter().text('abc').object(PdfDict.of({ Contents: new PdfRaw('<0000>', 'contents') }));
    const span = w.spans.get('contents')!;
    expect(w.toBytes().subarray(span.start, span.end).toString('latin1')).toBe('<0000>');
  });

  it('stores Vietnamese text as UTF-16BE with a BOM and NFC-normalises it', () => {
    const s = PdfString.fromText('Nguyễn'.normalize('NFD'));
    expect([...s.bytes.subarray(0, 2)]).toEqual([0xfe, 0xff]);
    expect(s.toText()).toBe('Nguyễn'.normalize('NFC'));
    expect(PdfString.fromText('Signature1').hex).toBe(false);
  });
});
