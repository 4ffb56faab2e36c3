import { describe, expect, it } from 'vitest';
import { EOfficeError } from '@eoffice/contract';
import { FixedClock, parseInstant, systemClock } from '../src/clock/index.js';
import { vietnamDate, vietnamYear } from '@eoffice/vietnamese';

describe('clock', () => {
  it('EOFFICE_NOW overrides the machine clock, read on every call', () => {
    const env: NodeJS.ProcessEnv = { EOFFICE_NOW: '2027-01-01T00:00:00+07:00' };
    const clock = systemClock(env);
    expect(clock.now().toISOString()).toBe('2026-12-31T17:00:00.000Z');
    env.EOFFICE_NOW = '2030-06-15T12:00:00Z';
    expect(clock.now().toISOString()).toBe('2030-06-15T12:00:00.000Z');
    delete env.EOFFICE_NOW;
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('reads a zone-less instant or bare date as Vietnam time', () => {
    expect(parseInstant('2026-03-05').toISOString()).toBe('2026-03-04T17:00:00.000Z');
    expect(parseInstant('2026-03-05T08:30').toISOString()).toBe('2026-03-05T01:30:00.000Z');
  });

  it('refuses a malformed EOFFICE_NOW with a typed error', () => {
    const clock = systemClock({ EOFFICE_NOW: 'tomorrow' });
    expect(() => clock.now()).toThrow(EOfficeError);
    expect(() => clock.now()).toThrow(/ISO 8601/);
  });

  it('fixed clock moves only when told', () => {
    const clock = new FixedClock('2026-05-01T09:00:00+07:00');
    clock.advance(86_400_000);
    expect(vietnamDate(clock.now())).toBe('2026-05-02');
    clock.set('2026-12-31T23:59:59+07:00');
    expect(vietnamYear(clock.now())).toBe(2026);
  });

});
