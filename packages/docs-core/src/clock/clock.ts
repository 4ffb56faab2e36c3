import { EOfficeError } from '@eoffice/contract';

/**
 * The one source of "now" (DESIGN.md §2.11): numbering year, deadlines, late flags and signing time all ask it, so
 * a test or a scripted check can move the whole app in time with `EOFFICE_NOW`.
 */
export interface Clock {
  now(): Date;
}

export const EOFFICE_NOW_VARIABLE = 'EOFFICE_NOW';

/** ISO 8601 with a date and an explicit zone or none (then read as Vietnam time), e.g. `2027-01-01T00:00:00+07:00`. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseInstant(text: string, source = EOFFICE_NOW_VARIABLE): Date {
  const trimmed = text.trim();
  if (!ISO_INSTANT.test(trimmed)) {
    throw new EOfficeError(
      'E_INVALID_INPUT',
      `${source} phải là thời điểm ISO 8601 / ${source} must be an ISO 8601 instant: ${JSON.stringify(text)}`,
    );
  }
  // A bare date or a time without zone means Vietnam wall-clock time, not the machine's zone.
  let normalised = trimmed.length === 10 ? `${trimmed}T00:00:00` : trimmed;
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(normalised)) normalised += '+07:00';
  const instant = new Date(normalised);
  if (Number.isNaN(instant.getTime())) {
    throw new EOfficeError('E_INVALID_INPUT', `${source} không phải ngày hợp lệ / not a valid date: ${text}`);
  }
  return instant;
}

/** The machine clock, unless `EOFFICE_NOW` is set (read on every call, so tests may change it between calls). */
export function systemClock(env: NodeJS.ProcessEnv = process.env): Clock {
  return {
    now() {
      const override = env[EOFFICE_NOW_VARIABLE];
      return override ? parseInstant(override) : new Date();
    },
  };
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
