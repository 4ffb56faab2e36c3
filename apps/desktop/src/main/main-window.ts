import { BrowserWindow, dialog, session, shell } from 'electron';
import { APP_ORIGIN } from './app-protocol.js';
import { externalLinkDecision } from './external-links.js';
import { isAppUrl } from './trusted-sender.js';

/** A hardened window (Electron's security checklist): isolated, sandboxed, no Node, no navigation, no pop-ups. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'E-Office',
    show: false,
    backgroundColor: '#f4f6f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

export function lockDownWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/**
 * Applied to every web contents the app creates: navigation away, redirects away and new windows are refused
 * (Electron's security checklist, items 13 and 14). A redirect is checked apart from navigation: `will-navigate`
 * does not fire for a server-side redirect, which would otherwise take the window, and its IPC bridge, elsewhere.
 */
export function denyNavigation(contents: Electron.WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalIfAllowed(contents, url);
    return { action: 'deny' };
  });
}

/** Links to the outside open in the user's browser: https only, and off the allow-list only once the user agrees. */
async function openExternalIfAllowed(contents: Electron.WebContents, url: string): Promise<void> {
  const decision = externalLinkDecision(url);
  if (decision === 'refuse') return;
  if (decision === 'confirm') {
    const owner = BrowserWindow.fromWebContents(contents);
    const options: Electron.MessageBoxOptions = {
      type: 'question',
      buttons: ['Mở trong trình duyệt', 'Không mở'],
      defaultId: 1,
      cancelId: 1,
      title: 'E-Office',
      message: 'Mở liên kết bên ngoài ứng dụng? / Open a link outside the app?',
      detail: url,
    };
    const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
    if (response !== 0) return;
  }
  await shell.openExternal(url);
}
