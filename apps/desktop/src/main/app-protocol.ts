import { protocol } from 'electron';
import { APP_SCHEME, appProtocolResponse } from './app-protocol-response.js';

export { APP_HOST, APP_SCHEME } from './app-protocol-response.js';
export { APP_ORIGIN } from './trusted-sender.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRendererFrom(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererDir, request.url));
}
