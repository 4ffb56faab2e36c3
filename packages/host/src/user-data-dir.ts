import { homedir } from 'node:os';
import { join } from 'node:path';
import { APP_NAME } from './app-version.js';

/**
 * The user data folder, the same for the Electron app, the web host and the CLI (Electron's own `userData` rule:
 * %APPDATA% on Windows, ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config elsewhere).
 * `EOFFICE_DATA_DIR` overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.EOFFICE_DATA_DIR) return env.EOFFICE_DATA_DIR;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}
