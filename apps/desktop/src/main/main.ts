import { fileURLToPath } from 'node:url';
import { app, ipcMain, type BrowserWindow } from 'electron';
import { composeServices, defaultDataDir, type ComposedServices } from '@eoffice/host';
import { installAppMenu } from './app-menu.js';
import { registerAppScheme, serveRendererFrom } from './app-protocol.js';
import { forwardEvents, registerIpcHandlers } from './ipc-handlers.js';
import { createMainWindow, denyNavigation, lockDownWebContents } from './main-window.js';

/**
 * The composition root of the desktop app, and nothing more: it opens the store in the user data folder, builds the
 * services, registers the IPC handlers and shows the window. Every decision lives in packages/*.
 */
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let services: ComposedServices | undefined;
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
    services = await composeServices({ dataDir });
    await services.startBackgroundJobs();
    registerIpcHandlers(services, ipcMain);
    mainWindow = createMainWindow(fileURLToPath(new URL('../preload/preload.cjs', import.meta.url)));
    forwardEvents(services, mainWindow.webContents);
  });
}
