import type { CallContext } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/store.js';
import { resolveActor, type Actor, type ActorOptions } from '../users/actor.js';

/** Every service method starts here: the actor comes from the call context, never from the request body. */
export function actorOf(store: Store, clock: Clock, context: CallContext, options: ActorOptions = {}): Promise<Actor> {
  return resolveActor(store.db, clock, context, options);
}
