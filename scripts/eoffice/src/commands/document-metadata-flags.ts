// The command table's document-metadata flags, apart from option-values.ts: the table is in the CLI's entry, which
// must not import the stores (docs-core) that option-values.ts parses with, or `--help` loads them all.
export const DOCUMENT_METADATA_FLAGS = {
  pages: { type: 'string' },
  copies: { type: 'string' },
  description: { type: 'string' },
  'to-place': { type: 'string', multiple: true },
  'file-organ': { type: 'string' },
  'file-catalog': { type: 'string' },
  'file-notation': { type: 'string' },
  'doc-ordinal': { type: 'string' },
} as const;

export const DOCUMENT_METADATA_USAGE = '[--pages N] [--copies N] [--description T] [--to-place T]... [--file-organ ID] [--file-catalog N] [--file-notation T] [--doc-ordinal N]';
