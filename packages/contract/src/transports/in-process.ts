import type { CallContext } from '../contract.js';
import type { Dispatch } from '../dispatcher.js';
import type { Transport } from '../wire.js';

/**
 * A transport that calls the dispatcher directly: the CLI and tests go through exactly the same validation as
 * the IPC and HTTP faces, without a socket.
 */
export function createInProcessTransport(
  dispatch: Dispatch,
  context: CallContext,
  subscribe: Transport['subscribe'] = () => () => {},
): Transport {
  return {
    // Round-trip through JSON so that the CLI and tests see what a remote face would see.
    call: async (path, input) => JSON.parse(JSON.stringify(await dispatch(path, JSON.parse(JSON.stringify(input ?? {})), context))),
    subscribe,
  };
}
