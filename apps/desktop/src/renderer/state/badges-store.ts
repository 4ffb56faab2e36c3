import type { WorklistBadges } from '@eoffice/contract';
import { create } from 'zustand';
import { connection } from '../client';

interface BadgesState {
  readonly badges: WorklistBadges | null;
  refresh(): Promise<void>;
  clear(): void;
}

/** The counts on the navigation, asked again whenever the services announce a change or the user opens a document. */
export const useBadges = create<BadgesState>((set) => ({
  badges: null,
  async refresh() {
    try {
      set({ badges: await connection.client.services.worklist.badges({}) });
    } catch {
      // A badge is a hint: when it cannot be read the navigation shows none rather than a wrong one.
      set({ badges: null });
    }
  },
  clear: () => set({ badges: null }),
}));
