import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyPdfSignatures } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { appendRevision, rawObjectBody, withAnnotation } from '../helpers/verify-tamper.js';

/**
 * A problem found twice is reported once (issue 15, mutation testing of verify-pdf-signatures.ts): a clerk reads one
 * line per problem, and two annotations of one kind on one page are one thing to look at. Problems that differ in
 * their words stay apart. The file: pyHanko's one-signature fixture (page object 3) with a revision appended that adds
 * two Squares and a Circle to page 1, away from its text.
 */
const signed = readFileSync(fixture('pdf-signed/pyhanko/pades-with-old-style-signing-cert-attr.pdf'));
const annotation = (subtype: string, rect: string): string => `<< /Type /Annot /Subtype /${subtype} /Rect [${rect}] /P 3 0 R >>`;
const added = (vi: string, en: string): string =>
  `Sau khi ký có thêm chú thích ${vi} hiển thị ở trang 1; cần xem nó có che nội dung không / a visible ${en} annotation was added on page 1 after signing; check that it covers no content`;

describe('verify: a problem found twice', () => {
  it('two Squares on page 1 give one warning; the Circle beside them its own', () => {
    const page = ['20 0 R', '21 0 R', '22 0 R'].reduce(withAnnotation, rawObjectBody(signed, 3));
    const file = appendRevision(
      signed,
      new Map([
        [3, page],
        [20, annotation('Square', '10 10 50 50')],
        [21, annotation('Circle', '60 10 100 50')],
        [22, annotation('Square', '110 10 150 50')],
      ]),
    );
    const [verdict] = verifyPdfSignatures(file, { validationTime: new Date('2022-01-01T00:00:00Z') }).signatures;
    expect(verdict!.problems.map((p) => [p.code, p.message.startsWith('Sau khi ký') ? p.message : ''])).toEqual([
      ['ANNOTATION_ADDED', added('Square', 'Square')],
      ['ANNOTATION_ADDED', added('Circle', 'Circle')],
      // The /Annots of the page changed: refused without DocMDP P3.
      ['MODIFIED_DISALLOWED', ''],
    ]);
  });
});
