import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import { defaultDataDir, faceServices, serverConnectionFromEnvironment, type FaceServices } from '@eoffice/host';
import { installAppMenu } from './app-menu.js';
import { registerAppScheme, serveRendererFrom } from './app-protocol.js';
import { forwardEvents, registerIpcHandlers } from './ipc-handlers.js';
import { createMainWindow, denyNavigation, lockDownWebContents } from './main-window.js';

/**
 * The composition root of the desktop app, and nothing more: it opens the store in the user data folder (or, with
 * EOFFICE_SERVER_URL and EOFFICE_SERVER_FINGERPRINT, connects to the agency server, keeping the tokens here), builds
 * the services, registers the IPC handlers and shows the window. Every decision lives in packages/*.
 */
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let services: FaceServices | undefined;
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => denyNavigation(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void services?.close());

  void app.whenReady().then(async () => {
    lockDownWebContents();
    serveRendererFrom(fileURLToPath(new URL('../renderer', import.meta.url)));
    installAppMenu();
    try {
      services = await faceServices({ dataDir, server: serverConnectionFromEnvironment(process.env) });
    } catch (error) {
      // A server whose certificate is not the pinned one, or none answering: say so and do not start.
      const code = (error as { code?: unknown }).code;
      dialog.showErrorBox('E-Office', `${typeof code === 'string' ? `${code}: ` : ''}${(error as Error).message}`);
      app.quit();
      return;
    }
    mainWindow = createMainWindow(fileURLToPath(new URL('../preload/preload.cjs', import.meta.url)));
    // The window hears events as the user its page calls with; the handlers are in place before the page can call.
    const feed = forwardEvents(services, mainWindow.webContents);
    registerIpcHandlers(services, ipcMain, (session) => feed.follow(session));
  });
}
