import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layering').map((m) => m.message);
}

const importing = (spec: string) => `import * as imported from '${spec}';\nexport const x = imported;\n`;

describe('layering lint rule: what no room may import', () => {
  it.each([
    ['packages/signing/src/x.ts', "import 'electron';\n"],
    ['packages/docs-core/src/x.ts', "import { useState } from 'react';\nexport const s = useState;\n"],
    ['packages/contract/src/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    ['apps/desktop/src/renderer/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    ['apps/desktop/src/renderer/x.ts', "import { openStore } from '@eoffice/docs-core';\nexport const o = openStore;\n"],
    ['apps/desktop/src/preload/x.ts', "import { openStore } from '@eoffice/docs-core';\nexport const o = openStore;\n"],
    ['packages/host/src/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['scripts/eoffice/src/x.ts', "export const load = () => import('electron');\n"],
  ])('refuses the import in %s', async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).toEqual([expect.stringMatching(/^Bad layering/)]);
  });
});

describe('layering lint rule: the package rules of ARCHITECTURE.md', () => {
  it.each([
    ['signing imports no room of ours but the leaf', 'packages/signing/src/x.ts', '@eoffice/docs-core'],
    ['signing imports no room of ours, not by a relative path either', 'packages/signing/src/x.ts', '../../docs-core/src/index.js'],
    ['docs-core imports only the contract and the leaf', 'packages/docs-core/src/x.ts', '@eoffice/signing'],
    ['docs-core never imports the host', 'packages/docs-core/src/x.ts', '@eoffice/host'],
    ['exchange imports docs-core, not signing', 'packages/exchange/src/x.ts', '@eoffice/signing'],
    ['the contract imports nothing of ours', 'packages/contract/src/x.ts', '@eoffice/vietnamese'],
    ['the leaf imports nothing', 'packages/vietnamese/src/x.ts', '@eoffice/contract'],
    ['the host never imports the desktop app', 'packages/host/src/x.ts', '../../../apps/desktop/src/main/main.js'],
    ['the host never imports the CLI', 'packages/host/src/x.ts', '../../../scripts/eoffice/src/main.js'],
    ['the renderer imports only the contract and the leaf', 'apps/desktop/src/renderer/x.ts', '@eoffice/host'],
    ['the renderer never reaches into the host by path', 'apps/desktop/src/renderer/x.ts', '../../../../packages/host/src/index.js'],
    ['Electron main composes through the host', 'apps/desktop/src/main/x.ts', '@eoffice/docs-core'],
    ['faces never import each other: main and the renderer', 'apps/desktop/src/main/x.ts', '../renderer/client.js'],
    ['faces never import each other: the CLI and the desktop', 'scripts/eoffice/src/x.ts', '../../../apps/desktop/src/main/main.js'],
    ['nothing imports @eoffice/desktop', 'scripts/eoffice/src/x.ts', '@eoffice/desktop'],
    ['a library never loads its dev and test code (packages/*/dev)', 'packages/signing/src/x.ts', '../dev/small-pki.js'],
    ['nor another package\'s', 'packages/host/src/x.ts', '../../signing/dev/small-pki.js'],
  ])('%s', async (_rule, filePath, spec) => {
    expect(await layeringErrors(filePath, importing(spec))).toEqual([expect.stringMatching(/^Bad layering/)]);
  });

  it.each([
    ['packages/host/src/x.ts', ['@eoffice/docs-core', '@eoffice/signing', '@eoffice/exchange', '@eoffice/contract', '@eoffice/vietnamese']],
    ['packages/signing/src/x.ts', ['@eoffice/vietnamese', 'node:fs']],
    ['packages/docs-core/src/x.ts', ['@eoffice/contract', '@eoffice/vietnamese']],
    ['packages/exchange/src/x.ts', ['@eoffice/docs-core']],
    ['apps/desktop/src/renderer/x.ts', ['zustand', '@tanstack/react-virtual', 'chart.js', 'pdfjs-dist', 'pdfjs-dist/build/pdf.worker.min.mjs?url', '@eoffice/contract', '@eoffice/vietnamese']],
    ['apps/desktop/src/preload/x.ts', ['electron', '@eoffice/contract/ipc']],
    ['apps/desktop/src/main/x.ts', ['electron', '@eoffice/host', '@eoffice/contract/ipc']],
    ['scripts/eoffice/src/x.ts', ['@eoffice/host', '@eoffice/signing', '@eoffice/docs-core']],
    ['packages/signing/test/x.test.ts', ['@eoffice/docs-core', '../dev/small-pki.js']],
    ['scripts/eoffice/test/x.test.ts', ['../../../packages/signing/dev/small-pki.js']],
  ])('allows the imports in %s', async (filePath, specs) => {
    const code = specs.map((spec, i) => `import * as i${i} from '${spec}';\nexport const x${i} = i${i};\n`).join('');
    expect(await layeringErrors(filePath, code)).toEqual([]);
  });
});
