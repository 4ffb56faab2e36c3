import { afterEach } from 'vitest';
import type { ComposedServices } from '../src/compose-services.js';
import type { WebHost } from '../src/web/web-host.js';

export interface OpenWebHost {
  readonly host: WebHost;
  readonly services: ComposedServices;
}

/** The web hosts a test started, each closed after the test with its services (push a host as it is started). */
export function useOpenWebHosts(): OpenWebHost[] {
  const open: OpenWebHost[] = [];
  afterEach(async () => {
    for (const { host, services } of open.splice(0)) {
      await host.close();
      await services.close();
    }
  });
  return open;
}
