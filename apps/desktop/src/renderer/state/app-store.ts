import type { EventPayload, SystemInfo } from '@eoffice/contract';
import { create } from 'zustand';
import { connection, getSession } from '../client';
import type { SectionId } from '../sections/section-list';
import { useBadges } from './badges-store';
import { useSession } from './session-store';

export type { SectionId };

type LoadState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  /** The services answer but no one is signed in: system.info needs a session (issue 13). */
  | { status: 'signed-out' }
  | { status: 'error'; message: string };

/** A document another screen asked to open (a search result): the section it lives in shows it, then clears this. */
export interface OpenRequest {
  readonly id: string;
  readonly section: 'incoming' | 'outgoing' | 'drafts';
}

interface AppState {
  readonly section: SectionId;
  readonly openRequest: OpenRequest | null;
  /** What the top bar's search box last submitted: the search section reads it. */
  readonly searchText: string;
  /** Bumped on every `documents.changed`, so open lists reload what they show. */
  readonly changeCount: number;
  readonly systemInfo: LoadState<SystemInfo>;
  readonly syncStatus: EventPayload<'sync.status'> | null;
  selectSection(section: SectionId): void;
  search(text: string): void;
  openDocument(request: OpenRequest): void;
  /** The section showed the requested document. */
  openHandled(): void;
  refreshSystemInfo(): Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  section: 'incoming',
  openRequest: null,
  searchText: '',
  changeCount: 0,
  systemInfo: { status: 'loading' },
  syncStatus: null,
  selectSection: (section) => set({ section }),
  search: (text) => set({ section: 'search', searchText: text }),
  openDocument: (request) => set({ section: request.section, openRequest: request }),
  openHandled: () => set({ openRequest: null }),
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
    if (event.name === 'documents.changed') {
      void useAppStore.getState().refreshSystemInfo();
      useAppStore.setState((state) => ({ changeCount: state.changeCount + 1 }));
      if (useSession.getState().status === 'signed-in') void useBadges.getState().refresh();
    }
  });
}
