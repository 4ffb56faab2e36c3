export { composeServices, type ComposedServices, type ComposeOptions } from './compose-services.js';
export { startWebHost, type WebHost, type WebHostOptions } from './web/web-host.js';
export { defaultDataDir } from './user-data-dir.js';
export { createLogger, SECRET_FIELDS } from './logger.js';
export { EventHub } from './events/event-hub.js';
export { APP_NAME, APP_VERSION } from './app-version.js';
export { CONTENT_SECURITY_POLICY } from './web/web-security.js';
export { signingLibraryVerifier, signingLibraryDocumentSigner, type DocumentSignerOptions } from './signing-ports.js';
export { sweepWorkDir, workDirOf } from './work-dir.js';
