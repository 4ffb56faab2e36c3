import type { EventPayload, SystemInfo } from '@eoffice/contract';
import { create } from 'zustand';
import { connection, getSession } from '../client';

export type SectionId = 'incoming' | 'outgoing' | 'drafts' | 'registers' | 'records' | 'statistics' | 'sync' | 'settings';

type LoadState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  /** The services answer but no one is signed in: system.info needs a session (issue 13). */
  | { status: 'signed-out' }
  | { status: 'error'; message: string };

interface AppState {
  readonly section: SectionId;
  readonly systemInfo: LoadState<SystemInfo>;
  readonly syncStatus: EventPayload<'sync.status'> | null;
  selectSection(section: SectionId): void;
  refreshSystemInfo(): Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  section: 'incoming',
  systemInfo: { status: 'loading' },
  syncStatus: null,
  selectSection: (section) => set({ section }),
  async refreshSystemInfo() {
    try {
      if (getSession() === null) {
        // Still proves the services answer (and the launch token is right) without a session.
        await connection.client.services.users.needsSetup({});
        set({ systemInfo: { status: 'signed-out' } });
        return;
      }
      const value = await connection.client.services.system.info({});
      set({ systemInfo: { status: 'ready', value } });
    } catch (error) {
      set({ systemInfo: { status: 'error', message: error instanceof Error ? error.message : String(error) } });
    }
  },
}));

/** Keeps the store in step with what the services announce. */
export function startEventFeed(): () => void {
  return connection.client.onEvent((event) => {
    if (event.name === 'sync.status') useAppStore.setState({ syncStatus: event.payload });
    if (event.name === 'documents.changed') void useAppStore.getState().refreshSystemInfo();
  });
}
