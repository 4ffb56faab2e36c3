import { describe, expect, it } from 'vitest';
import { systemInfoSchema } from '../src/index.js';

/** system.info says where the services run (issue 12); the page reads it through this schema, never guessing. */
const info = { version: '0.1.0', dataDir: null, databasePath: null, schemaVersion: 1, documentCounts: null };

describe('system.info deployment', () => {
  it('takes the three modes, a connected workstation with the server it is connected to', () => {
    expect(systemInfoSchema.parse({ ...info, deployment: { mode: 'standalone' } }).deployment).toEqual({ mode: 'standalone' });
    expect(systemInfoSchema.parse({ ...info, deployment: { mode: 'agency-server' } }).deployment).toEqual({ mode: 'agency-server' });
    expect(systemInfoSchema.parse({ ...info, deployment: { mode: 'connected', server: 'https://10.0.0.5:8443' } }).deployment)
      .toEqual({ mode: 'connected', server: 'https://10.0.0.5:8443' });
  });

  it('refuses an answer without a mode, with an unknown one, or connected to no server', () => {
    expect(systemInfoSchema.safeParse(info).success).toBe(false);
    expect(systemInfoSchema.safeParse({ ...info, deployment: { mode: 'demo' } }).success).toBe(false);
    expect(systemInfoSchema.safeParse({ ...info, deployment: { mode: 'connected' } }).success).toBe(false);
    expect(systemInfoSchema.safeParse({ ...info, deployment: { mode: 'connected', server: '' } }).success).toBe(false);
  });
});
