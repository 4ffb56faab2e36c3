import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layering').map((m) => m.message);
}

describe('layering lint rule', () => {
  it.each([
    ['packages/signing/src/x.ts', "import 'electron';\n"],
    ['packages/docs-core/src/x.ts', "import { useState } from 'react';\nexport const s = useState;\n"],
    ['packages/contract/src/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    ['apps/desktop/src/renderer/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    ['apps/desktop/src/renderer/x.ts', "import { openStore } from '@eoffice/docs-core';\nexport const o = openStore;\n"],
    ['apps/desktop/src/renderer/x.ts', "import { composeServices } from '../node/compose-services.js';\nexport const c = composeServices;\n"],
    ['apps/desktop/src/preload/x.ts', "import { openStore } from '@eoffice/docs-core';\nexport const o = openStore;\n"],
    ['apps/desktop/src/node/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['scripts/eoffice/src/x.ts', "export const load = () => import('electron');\n"],
  ])('refuses the import in %s', async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).toEqual([expect.stringMatching(/^Bad layering/)]);
  });

  it.each([
    ['packages/signing/src/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    ['apps/desktop/src/renderer/x.ts', "import { create } from 'zustand';\nimport { createClient } from '@eoffice/contract';\nexport const c = [create, createClient];\n"],
    ['apps/desktop/src/preload/x.ts', "import { ipcRenderer } from 'electron';\nimport { IPC_RPC_CHANNEL } from '@eoffice/contract/ipc';\nexport const x = [ipcRenderer, IPC_RPC_CHANNEL];\n"],
    ['apps/desktop/src/main/x.ts', "import { app } from 'electron';\nimport { composeServices } from '../node/index.js';\nexport const x = [app, composeServices];\n"],
  ])('allows the imports in %s', async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).toEqual([]);
  });
});
