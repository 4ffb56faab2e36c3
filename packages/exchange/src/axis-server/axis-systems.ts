import { z } from 'zod';

/** A system id the axis knows: its secret and the organ ids it may send as and receives for (`*`: any). */
export interface AxisSystem {
  readonly systemId: string;
  readonly secret: string;
  readonly organIds: readonly string[];
}

export const axisSystemsSchema = z.array(
  z.object({ systemId: z.string().min(1).max(100), secret: z.string().min(1).max(1000), organIds: z.array(z.string().min(1).max(50)).min(1) }).strict(),
);

/** Read leniently, as real axes publish them: only code and name matter; parents may be missing. */
const agencyFileSchema = z.looseObject({
  endpoints: z.array(z.looseObject({ code: z.string().trim().min(1).max(50), name: z.string().trim().min(1).max(500), parentCode: z.string().nullable().optional() })),
});

export function parseAgencies(input: unknown): Array<{ code: string; name: string; parentCode: string | null }> {
  const data = Array.isArray(input) ? { endpoints: input } : input;
  return agencyFileSchema.parse(data).endpoints.map((e) => ({ code: e.code, name: e.name, parentCode: e.parentCode ?? null }));
}

export class SystemTable {
  readonly #byId: Map<string, AxisSystem>;

  constructor(systems: readonly AxisSystem[]) {
    this.#byId = new Map(systems.map((s) => [s.systemId, s]));
  }

  get(systemId: string): AxisSystem | undefined {
    return this.#byId.get(systemId);
  }

  mayActAs(system: AxisSystem, organId: string): boolean {
    return system.organIds.includes('*') || system.organIds.includes(organId);
  }

  /**
   * The organ ids whose inbox `system` reads, to look up by (the inbox index), or null for a gateway (`*`), whose
   * inbox is every organ no named system claims: its messages are found by `receives`.
   */
  inboxOf(system: AxisSystem): readonly string[] | null {
    return system.organIds.includes('*') ? null : system.organIds;
  }

  /** The organs whose inbox `system` reads; a gateway (`*`) reads every organ no named system claims. */
  receives(system: AxisSystem, organId: string): boolean {
    if (system.organIds.includes(organId)) return true;
    if (!system.organIds.includes('*')) return false;
    for (const other of this.#byId.values()) if (other !== system && other.organIds.includes(organId)) return false;
    return true;
  }
}
