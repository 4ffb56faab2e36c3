import { create } from 'zustand';
import { connection } from '../client';
import { hasAnyRole, useSession } from './session-store';

export type NoticeKind = 'incoming' | 'status';

export interface Notice {
  readonly id: number;
  readonly kind: NoticeKind;
  /** The document's subject, or how many statuses arrived. */
  readonly text: string;
  readonly at: string;
  /** Whether the system showed it (the permission was granted); it is listed here either way. */
  readonly shown: boolean;
}

type Permission = NotificationPermission | 'unsupported';

interface NotificationsState {
  /** The user's choice on this machine; the browser's permission is asked when it is turned on. */
  readonly enabled: boolean;
  readonly permission: Permission;
  /** Newest first, since the application opened. */
  readonly recent: readonly Notice[];
  enable(on: boolean): Promise<void>;
  push(kind: NoticeKind, text: string, title: string): void;
}

const KEY = 'eoffice.notifications';
const KEPT = 20;
let nextId = 1;

const permissionNow = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

function storedChoice(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

/**
 * Notifications of new incoming documents and of recipients' statuses: the HTML Notification API, which the browser
 * face and Electron's window both offer (Electron shows it as the system's own notification).
 */
export const useNotifications = create<NotificationsState>((set, get) => ({
  enabled: storedChoice(),
  permission: permissionNow(),
  recent: [],
  async enable(on) {
    try {
      localStorage.setItem(KEY, on ? 'on' : 'off');
    } catch {
      // Storage may be unavailable: the choice then lasts for this window only.
    }
    let permission = permissionNow();
    if (on && permission === 'default') permission = await Notification.requestPermission();
    set({ enabled: on, permission });
  },
  push(kind, text, title) {
    const { enabled } = get();
    const permission = permissionNow();
    let shown = false;
    if (enabled && permission === 'granted') {
      try {
        new Notification(title, { body: text, tag: `eoffice-${kind}-${nextId}` });
        shown = true;
      } catch {
        // Some platforms refuse page notifications (a service worker is required): the list below still has it.
      }
    }
    const notice: Notice = { id: nextId++, kind, text, at: new Date().toISOString(), shown };
    set((state) => ({ permission, recent: [notice, ...state.recent].slice(0, KEPT) }));
  },
}));

/** How many statuses the exchange had applied when last looked: a rise is news. Null until first read. */
let appliedStatuses: number | null = null;

async function readAppliedStatuses(): Promise<number | null> {
  try {
    return (await connection.client.services.sync.status({})).incoming.applied;
  } catch {
    return null;
  }
}

/**
 * Listens to the services' events: a `documents.changed` whose reason is a receipt names new incoming documents (the
 * event never names a secret one; each is read through documents.show, so the user's own visibility applies); after
 * each sync pass a clerk or an admin learns whether statuses arrived. `titles` are the words in the user's language.
 */
export function startNotifications(titles: () => { incoming: string; status: string; statusBody: (n: number) => string }): () => void {
  appliedStatuses = null;
  const staff = () => hasAnyRole(useSession.getState().user, ['clerk', 'admin']);
  void (async () => {
    if (staff()) appliedStatuses = await readAppliedStatuses();
  })();
  return connection.client.onEvent((event) => {
    if (useSession.getState().status !== 'signed-in') return;
    if (event.name === 'documents.changed' && event.payload.reason.split(',').includes('document.receive')) {
      for (const id of event.payload.documentIds) {
        void connection.client.services.documents
          .show({ id })
          .then((doc) => {
            if (doc.direction === 'incoming') useNotifications.getState().push('incoming', doc.subject ?? id, titles().incoming);
          })
          .catch(() => undefined);
      }
    }
    if (event.name === 'sync.status' && event.payload.state !== 'syncing' && staff()) {
      void readAppliedStatuses().then((now) => {
        if (now === null) return;
        const before = appliedStatuses;
        appliedStatuses = now;
        if (before !== null && now > before) {
          const text = titles().statusBody(now - before);
          useNotifications.getState().push('status', text, titles().status);
        }
      });
    }
  });
}
