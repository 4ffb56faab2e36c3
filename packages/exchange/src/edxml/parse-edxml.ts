import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { extractMessage } from './edxml-extract.js';
import type { EdxmlMessage } from './edxml-message.js';
import { readEdxmlFile } from './edxml-reader.js';
import { DEFAULT_LIMITS, type EdxmlLimits } from './limits.js';

export interface ParseOptions {
  /** A private folder (0700) the attachments are decoded into; a sub-folder is made per message. */
  readonly workDir: string;
  /** workDir is this message's own new folder: the attachments go straight into it, without a sub-folder. */
  readonly ownWorkDir?: boolean;
  readonly limits?: Partial<EdxmlLimits>;
}

/** Parses an edXML file (edoc or status). Attachments land as files under a new folder of `workDir`. */
export async function parseEdxmlFile(file: string, options: ParseOptions): Promise<EdxmlMessage> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const dir = options.ownWorkDir ? options.workDir : await mkdtemp(join(options.workDir, 'edxml-'));
  const read = await readEdxmlFile(file, dir, limits);
  return extractMessage(read.root, read.contents, read.warnings);
}
