import type { z } from 'zod';
import type { ContractSpec } from './define.js';
import { systemService } from './services/system.js';
import { documentsService } from './services/documents.js';
import { usersService } from './services/users.js';
import { registersService } from './services/registers.js';
import { auditService } from './services/audit.js';
import { directoryService } from './services/directory.js';
import { searchService } from './services/search.js';
import { statisticsService } from './services/statistics.js';
import { calendarService } from './services/calendar.js';
import { worklistService } from './services/worklist.js';
import { tokensService } from './services/tokens.js';
import { certificatesService } from './services/certificates.js';
import { recordsService } from './services/records.js';
import { syncService } from './services/sync.js';
import { trustService } from './services/trust.js';
import { ocrService } from './services/ocr.js';

/**
 * The list of services. Adding a service here is all it takes for the IPC bridge, the HTTP transport, the
 * dispatcher and the typed client to carry it: no per-method plumbing anywhere.
 */
export const contract = {
  system: systemService,
  documents: documentsService,
  users: usersService,
  registers: registersService,
  audit: auditService,
  directory: directoryService,
  search: searchService,
  statistics: statisticsService,
  calendar: calendarService,
  worklist: worklistService,
  tokens: tokensService,
  certificates: certificatesService,
  records: recordsService,
  sync: syncService,
  trust: trustService,
  ocr: ocrService,
} as const satisfies ContractSpec;

export type Contract = typeof contract;
export type ServiceName = keyof Contract;
export type MethodName<S extends ServiceName> = keyof Contract[S] & string;
type Spec<S extends ServiceName, M extends MethodName<S>> = Contract[S][M] extends {
  input: infer I extends z.ZodType;
  output: infer O extends z.ZodType;
}
  ? { input: I; output: O }
  : never;

/** What a caller passes (before defaults are applied). */
export type MethodInput<S extends ServiceName, M extends MethodName<S>> = z.input<Spec<S, M>['input']>;
/** What a caller receives. */
export type MethodOutput<S extends ServiceName, M extends MethodName<S>> = z.output<Spec<S, M>['output']>;

/** Who is calling: set by the transport (the session header, the CLI's --as), never by the caller's body. */
export interface CallContext {
  readonly sessionToken: string | null;
  /** CLI operator mode: act as this user without a password (still only with that user's roles). */
  readonly actingUsername: string | null;
  readonly face: 'ipc' | 'http' | 'cli' | 'test';
  /** Where the call came from when the face knows it (the HTTP peer's address): failed sign-ins are throttled by it. */
  readonly source?: string | null;
}

/** The server side of one service: every method receives validated input and the call context. */
export type ServiceImplementation<S extends ServiceName> = {
  readonly [M in MethodName<S>]: (
    input: z.output<Spec<S, M>['input']>,
    context: CallContext,
  ) => Promise<z.input<Spec<S, M>['output']>>;
};

export type ServiceImplementations = { readonly [S in ServiceName]: ServiceImplementation<S> };

/** The caller side: the same shape, typed from the schemas. */
export type ContractClient = {
  readonly [S in ServiceName]: {
    readonly [M in MethodName<S>]: (input: MethodInput<S, M>) => Promise<MethodOutput<S, M>>;
  };
};

export type MethodPath = { [S in ServiceName]: `${S}.${MethodName<S>}` }[ServiceName];

export function listMethodPaths(): MethodPath[] {
  return Object.entries(contract).flatMap(([service, methods]) =>
    Object.keys(methods).map((name) => `${service}.${name}` as MethodPath),
  );
}
