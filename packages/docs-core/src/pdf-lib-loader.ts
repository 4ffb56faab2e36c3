import type * as PdfLib from 'pdf-lib';

/**
 * pdf-lib, loaded where a PDF is drawn or read rather than with docs-core at every start of a face. It is CommonJS:
 * Node's import gives its exports as the namespace's default (and the names its lexer finds), a bundle's lazy chunk
 * the default alone, so the default is what is read.
 */
export async function loadPdfLib(): Promise<typeof PdfLib> {
  const namespace = (await import('pdf-lib')) as typeof PdfLib & { default?: typeof PdfLib };
  return namespace.default ?? namespace;
}
