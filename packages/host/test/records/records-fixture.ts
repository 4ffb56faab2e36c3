import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallContext } from '@eoffice/contract';
import type { ComposedServices } from '../../src/compose-services.js';

const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
/** A PDF signed abroad (pyHanko): the arrival check holds it, the clerk confirms it with a reason. */
export const SIGNED_FIXTURE = resolve(REPO_ROOT, '../shared/fixtures/pdf-signed/pyhanko/minimal-two-fields-signed-twice.pdf');

/** A call as `username` acting in the same process (no session): how the CLI and these tests reach the services. */
export const as = (username: string | null): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });

/** A contract call that must succeed: its result, or an error naming the method and the typed error. */
export async function call<T = { id: string }>(services: ComposedServices, path: string, input: unknown, context: CallContext): Promise<T> {
  const reply = await services.dispatch(path, input, context);
  if (!reply.ok) throw new Error(`${path}: ${reply.error.code} ${reply.error.message}`);
  return reply.result as T;
}
