import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCOMING_STATES, OUTGOING_STATES, isEOfficeError, roleSchema } from '@eoffice/contract';
import { FixedClock } from '../src/clock/index.js';
import type { DocumentState } from '../src/model/document-state.js';
import type { Role } from '../src/model/roles.js';
import { openStore, type Store } from '../src/store/store.js';
import { loadActorByUsername, type Actor } from '../src/users/actor.js';
import { createUser } from '../src/users/user-accounts.js';
import { INCOMING_RULES, OUTGOING_RULES, type DocumentAction, type TransitionRule } from '../src/workflow/lifecycle.js';
import { WorkflowCore } from '../src/workflow/workflow-core.js';
import { useTempDir } from './helpers.js';

/**
 * Every cell of both rule tables — each action × each state × each role, allowed and refused — generated from the
 * tables themselves and driven through the one check every step goes through, on a real SQLite file. A rule changed
 * in the table changes what this expects; a check that stops enforcing the table turns it red.
 */
const ROLES = roleSchema.options as readonly Role[];
const TABLES = [
  { direction: 'outgoing', states: OUTGOING_STATES, rules: OUTGOING_RULES },
  { direction: 'internal', states: OUTGOING_STATES, rules: OUTGOING_RULES },
  { direction: 'incoming', states: INCOMING_STATES, rules: INCOMING_RULES },
] as const;

type Outcome = 'allowed' | 'E_FORBIDDEN' | 'E_INVALID_STATE' | 'E_NOT_FOUND';

describe('the lifecycle rule tables, cell by cell (real SQLite)', () => {
  const tempDir = useTempDir();
  let store: Store;
  let core: WorkflowCore;
  const actors = new Map<string, Actor>();

  beforeAll(async () => {
    store = await openStore({ dataDir: await tempDir() });
    const clock = new FixedClock('2026-03-02T09:00:00+07:00');
    core = new WorkflowCore({ store, clock });
    // Two users per role: the drafter of a document and a colleague of the same role who did not draft it.
    for (const role of ROLES) {
      for (const who of ['', '-colleague']) {
        await createUser(store.db, clock, 'setup', { username: `${role}${who}`, roles: [role] });
        actors.set(`${role}${who}`, (await loadActorByUsername(store.db, `${role}${who}`))!);
      }
    }
  });
  afterAll(() => store?.close());

  async function insertDocument(direction: string, state: DocumentState, drafter: Actor, secrecy = 'none'): Promise<string> {
    const id = randomUUID();
    const at = '2026-03-02T09:00:00+07:00';
    await store.db
      .insertInto('documents')
      .values({ id, direction: direction as 'incoming', state, created_at: at, updated_at: at, drafter_id: drafter.id, secrecy, year: 2026 })
      .execute();
    return id;
  }

  async function outcomeOf(actor: Actor, id: string, action: DocumentAction): Promise<Outcome> {
    try {
      await core.precheck(actor, id, action);
      return 'allowed';
    } catch (error) {
      if (isEOfficeError(error)) return error.code as Outcome;
      throw error;
    }
  }

  function expected(rule: TransitionRule, state: DocumentState, role: Role, drafted: boolean): Outcome {
    if (!rule.roles.includes(role)) return 'E_FORBIDDEN';
    if (rule.owner === 'drafter' && !drafted) return 'E_FORBIDDEN';
    return (rule.from as readonly DocumentState[]).includes(state) ? 'allowed' : 'E_INVALID_STATE';
  }

  for (const { direction, states, rules } of TABLES) {
    it(`${direction}: every action, state and role answers as the table says, for the drafter and for a colleague`, async () => {
      const seen: Array<{ cell: string; outcome: Outcome }> = [];
      const wanted: Array<{ cell: string; outcome: Outcome }> = [];
      let allowedCount = 0;
      for (const state of states) {
        for (const role of ROLES) {
          const drafter = actors.get(role)!;
          const id = await insertDocument(direction, state, drafter);
          for (const [action, rule] of Object.entries(rules) as Array<[DocumentAction, TransitionRule]>) {
            for (const [actor, drafted] of [[drafter, true], [actors.get(`${role}-colleague`)!, false]] as const) {
              const cell = `${action} from ${state} by ${role}${drafted ? ' (drafter)' : ' (colleague)'}`;
              const want = expected(rule, state, role, drafted);
              if (want === 'allowed') allowedCount += 1;
              wanted.push({ cell, outcome: want });
              seen.push({ cell, outcome: await outcomeOf(actor, id, action) });
            }
          }
        }
      }
      expect(seen).toEqual(wanted);
      // The table is not all refusals: every action is allowed somewhere.
      expect(allowedCount).toBeGreaterThanOrEqual(Object.keys(rules).length);
    });
  }

  it('an action of the other direction is refused as not applicable, whatever the role', async () => {
    const incoming = await insertDocument('incoming', 'received', actors.get('clerk')!);
    const outgoing = await insertDocument('outgoing', 'draft', actors.get('specialist')!);
    for (const action of Object.keys(OUTGOING_RULES) as DocumentAction[]) {
      expect({ action, outcome: await outcomeOf(actors.get('clerk')!, incoming, action) }).toEqual({ action, outcome: 'E_INVALID_STATE' });
    }
    for (const action of Object.keys(INCOMING_RULES) as DocumentAction[]) {
      expect({ action, outcome: await outcomeOf(actors.get('specialist')!, outgoing, action) }).toEqual({ action, outcome: 'E_INVALID_STATE' });
    }
  });

  it('a secret document is "not found" for every action to a user without clearance, even where role and state fit', async () => {
    for (const { direction, rules } of TABLES) {
      for (const [action, rule] of Object.entries(rules) as Array<[DocumentAction, TransitionRule]>) {
        for (const role of rule.roles.filter((r) => r === 'specialist' || r === 'admin')) {
          const id = await insertDocument(direction, rule.from[0]!, actors.get(`${role}-colleague`)!, 'top-secret');
          expect({ direction, action, role, outcome: await outcomeOf(actors.get(role)!, id, action) }).toEqual({ direction, action, role, outcome: 'E_NOT_FOUND' });
        }
      }
    }
    const missing = await outcomeOf(actors.get('clerk')!, randomUUID(), 'register');
    expect(missing).toBe('E_NOT_FOUND');
  });
});
