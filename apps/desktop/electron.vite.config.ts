import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// Our workspace packages ship TypeScript source: bundle them; keep third-party deps (sqlite3, pino…) external: they are
// listed in this package's dependencies for that reason, although only @eoffice/host imports them.
const workspacePackages = ['@eoffice/contract', '@eoffice/docs-core', '@eoffice/signing', '@eoffice/exchange', '@eoffice/host', '@eoffice/vietnamese'];

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin({ exclude: workspacePackages })],
    build: {
      outDir: here('./out/main'),
      // The verifier's worker thread is its own entry: @eoffice/host starts out/main/verify-worker.js beside main.js.
      rollupOptions: { input: { main: here('./src/main/main.ts'), 'verify-worker': here('../../packages/host/src/verification/verify-worker.ts') } },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin({ exclude: workspacePackages })],
    build: {
      outDir: here('./out/preload'),
      // Sandboxed preloads cannot load ES modules or other files: one CommonJS bundle.
      rollupOptions: { input: { preload: here('./src/preload/preload.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: here('./src/renderer'),
    plugins: [react()],
    build: { outDir: here('./out/renderer'), rollupOptions: { input: here('./src/renderer/index.html') } },
  },
});
