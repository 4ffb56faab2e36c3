import type { z } from 'zod';
import type { INCOMING_STATES, OUTGOING_STATES, documentStateSchema } from '@eoffice/contract';

/** A document's state, as the contract names them: the store, the rule table and the faces share one list. */
export type DocumentState = z.infer<typeof documentStateSchema>;
export type OutgoingState = (typeof OUTGOING_STATES)[number];
export type IncomingState = (typeof INCOMING_STATES)[number];
