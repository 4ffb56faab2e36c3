import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { IncrementalWriter, PdfReader, PdfString, type Pkcs12Signer, type PdfRef } from '../../src/index.js';
import { buildCms, contentTypeAttr, embed, messageDigestAttr, patchSameLength, prepareHole, signedContent, signingCertV2Attr } from './cms-surgery.js';
import { qpdfCheck } from './system-tools.js';

/**
 * Test-only files for the modification analysis: later updates written with the package's own incremental writer
 * (qpdf checks each), and signatures whose dictionary text is changed before they are signed (same length).
 */
export type Edit = (reader: PdfReader, writer: IncrementalWriter) => void;

/** Appends one incremental update; qpdf must find the result sound unless `judgedByQpdf` is false. */
export function update(dir: string, bytes: Uint8Array, edit: Edit, judgedByQpdf = true): Buffer {
  const reader = PdfReader.open(bytes);
  let out: Buffer;
  try {
    const writer = new IncrementalWriter(reader);
    edit(reader, writer);
    out = Buffer.concat([Buffer.from(bytes), writer.build().bytes]);
  } finally {
    reader.close();
  }
  const file = path.join(dir, `update-${createHash('sha256').update(out).digest('hex').slice(0, 12)}.pdf`);
  writeFileSync(file, out);
  if (judgedByQpdf) expect(qpdfCheck(file).status).toBe(0);
  return out;
}

/**
 * Our signer's revision (with `lockFields`, so its dictionary has a FieldMDP /Reference and the field a /Lock), with
 * each [from, to] replaced (last occurrence, same length) before the CMS is made over it.
 */
export async function signedWithPatches(
  input: string,
  signer: Pkcs12Signer,
  fieldName: string,
  lockFields: readonly string[],
  patches: readonly (readonly [string, string])[],
): Promise<Buffer> {
  let hole = await prepareHole(input, signer, { fieldName, lockFields });
  for (const [from, to] of patches) hole = patchSameLength(hole, from, to);
  const digest = createHash('sha256').update(signedContent(hole)).digest();
  const attrs = [contentTypeAttr(), messageDigestAttr(digest), signingCertV2Attr(signer.certificate)].sort(Buffer.compare);
  return embed(hole, await buildCms({ signer, attrs }));
}

/** The patches that make our FieldMDP reference a DocMDP one with /P p. */
export const docMdpPatches = (p: 1 | 2 | 3): (readonly [string, string])[] => [
  ['/TransformMethod /FieldMDP', '/TransformMethod /DocMDP  '],
  ['/Type /TransformParams/Action /Include', `/Type /TransformParams/P ${p}${' '.repeat(12)}`],
];

export function fieldRef(reader: PdfReader, name: string): PdfRef {
  const fields = reader.resolve(reader.acroForm?.get('Fields'));
  for (const ref of Array.isArray(fields) ? fields : []) {
    const title = reader.resolveDict(ref)?.get('T');
    if (title instanceof PdfString && title.toText() === name) return ref as PdfRef;
  }
  throw new Error(`no field ${name}`);
}

/** Sets the value of the top-level field `name`. */
export const fill =
  (name: string, value: string): Edit =>
  (reader, writer) => {
    const ref = fieldRef(reader, name);
    writer.set(ref, reader.resolveDict(ref)!.clone().set('V', PdfString.fromText(value)));
  };
