/**
 * Sites the app may open in the user's browser without asking: where the texts it cites are published (Decree 30 on
 * the government's legal-documents portal). Every other https link is shown to the user first.
 */
const TRUSTED_HOSTS: ReadonlySet<string> = new Set(['vanban.chinhphu.vn']);

export type ExternalLinkDecision = 'open' | 'confirm' | 'refuse';

/**
 * What `shell.openExternal` may do with a URL the page asked for (Electron's security checklist, item 15: do not use
 * openExternal with untrusted content). Only https reaches it: `file:`, `smb:` or a custom scheme would run a program
 * or reach the network share of whoever wrote the link; a URL with credentials in it is refused, since it is there
 * to make a look-alike host read as trusted.
 */
export function externalLinkDecision(raw: string): ExternalLinkDecision {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'refuse';
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return 'refuse';
  return TRUSTED_HOSTS.has(url.hostname) && url.port === '' ? 'open' : 'confirm';
}
