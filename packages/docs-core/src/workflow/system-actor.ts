import type { Actor } from '../users/actor.js';

/** Who the log and the audit name for what the axis did on its own (a delivery, a recall request). */
export const SYSTEM_ACTOR: Actor = {
  id: 'system',
  username: 'system',
  fullName: 'Hệ thống',
  position: null,
  unit: null,
  roles: new Set(['clerk']),
  mustChangePassword: false,
};
