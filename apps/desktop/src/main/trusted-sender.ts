/** The app's own origin: the UI is served from app://eoffice/… (see app-protocol.ts). */
export const APP_ORIGIN = 'app://eoffice';

/**
 * Compares scheme and host rather than URL.origin: for a scheme Node's URL does not know as "special", `origin` is
 * the string "null", which would make every app:// URL look alike.
 */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'app:' && url.host === 'eoffice';
  } catch {
    return false;
  }
}

/** What we look at of an IPC sender frame (Electron's WebFrameMain). */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Electron's checklist item 17: a call is served only from our own origin, in a main frame (no iframes, no
 * navigated-away pages, no devtools-injected frames).
 */
export function isTrustedSenderFrame(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
