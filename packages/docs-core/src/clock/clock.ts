import { EOfficeError } from '@eoffice/contract';
import { EOFFICE_NOW_VARIABLE, InvalidVietnamDateError, nowFromEnvironment, parseVietnamInstant } from '@eoffice/vietnamese';

/**
 * The one source of "now" (ARCHITECTURE.md, invariant 8): numbering year, deadlines, late flags and signing time all ask it, so
 * a test or a scripted check can move the whole app in time with `EOFFICE_NOW`.
 */
export interface Clock {
  now(): Date;
}

export { EOFFICE_NOW_VARIABLE };

/** The leaf's reading of an ISO 8601 instant (zone-less means Vietnam time), as the typed error every face knows. */
function asTypedError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidVietnamDateError) throw new EOfficeError('E_INVALID_INPUT', error.message);
    throw error;
  }
}

export function parseInstant(text: string, source = EOFFICE_NOW_VARIABLE): Date {
  return asTypedError(() => parseVietnamInstant(text, source));
}

/** The machine clock, unless `EOFFICE_NOW` is set (read on every call, so tests may change it between calls). */
export function systemClock(env: NodeJS.ProcessEnv = process.env): Clock {
  return { now: () => asTypedError(() => nowFromEnvironment(env)) };
}

/** A clock that says what it is told: for tests that walk through time inside one process. */
export class FixedClock implements Clock {
  #instant: Date;

  constructor(instant: Date | string) {
    this.#instant = typeof instant === 'string' ? parseInstant(instant, 'FixedClock') : instant;
  }

  now(): Date {
    return new Date(this.#instant.getTime());
  }

  set(instant: Date | string): void {
    this.#instant = typeof instant === 'string' ? parseInstant(instant, 'FixedClock') : instant;
  }

  advance(milliseconds: number): void {
    this.#instant = new Date(this.#instant.getTime() + milliseconds);
  }
}
