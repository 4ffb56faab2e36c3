import type { z } from 'zod';

/** One method of a service: its input and output schemas and a one-line summary (shown by the CLI and docs). */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly input: I;
  readonly output: O;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export type ServiceSpec = Readonly<Record<string, MethodSpec>>;
export type ContractSpec = Readonly<Record<string, ServiceSpec>>;
