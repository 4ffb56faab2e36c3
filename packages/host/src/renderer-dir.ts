import { fileURLToPath } from 'node:url';

/**
 * The desktop face's built UI (apps/desktop, `pnpm build:renderer`): a folder of files the web host and the agency
 * server serve, never import.
 */
export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../apps/desktop/dist/renderer', import.meta.url));
