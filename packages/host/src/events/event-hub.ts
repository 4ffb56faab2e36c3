import { eventSchemas, type EventEnvelope, type EventName, type EventPayload } from '@eoffice/contract';

/**
 * What an event is about, as the visibility rule reads it: a document (docs-core's `maySeeDocument`) or, with
 * `kind: 'record-file'`, a hồ sơ (docs-core's `maySeeFile`).
 */
export interface EventDocument {
  readonly id: string;
  readonly secrecy: string | null;
  readonly kind?: 'document' | 'record-file';
}

/**
 * Who listens: asked, for each event about documents not everyone may see, which of them this listener may see. It
 * is asked again each time (never cached), so a role taken away or a session ended counts from the next event.
 */
export interface EventAudience {
  maySee(documents: readonly EventDocument[]): Promise<ReadonlySet<string>>;
}

/** An event about documents not everyone may see: each listener hears what `eventsFor` makes of the ones it may see. */
export interface RestrictedEvents {
  readonly documents: readonly EventDocument[];
  /** The events for a listener that may see `visible` (never empty); none for a listener that may see none of them. */
  eventsFor(visible: ReadonlySet<string>): readonly EventEnvelope[];
}

type Listener = (event: EventEnvelope) => void;

interface Subscriber {
  readonly listener: Listener;
  readonly audience: EventAudience | undefined;
  /** Deliveries to this listener, in order: a restricted event waits for its visibility check, and what follows waits for it. */
  tail: Promise<void>;
}

/**
 * Fans service events out to every connected face (IPC windows, SSE streams). An event that names no document a
 * listener could be refused (`emit`) reaches everyone; an event about documents some may not see (`emitRestricted`)
 * reaches only a listener whose audience may see them, and only about those (ARCHITECTURE.md, invariant 1: a caller
 * learns nothing of a document it may not see — not its id, not that it changed). A listener with no audience (code
 * in the same process) hears only what reaches everyone.
 */
export class EventHub {
  readonly #subscribers = new Set<Subscriber>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const event = checked(name, payload);
    for (const subscriber of this.#subscribers) {
      if (subscriber.audience) enqueue(subscriber, async () => [event]);
      else subscriber.listener(event);
    }
  }

  /** Each listener with an audience hears the events made for the documents it may see; the others hear nothing. */
  emitRestricted(restricted: RestrictedEvents): void {
    if (restricted.documents.length === 0) return;
    for (const subscriber of this.#subscribers) {
      const { audience } = subscriber;
      if (!audience) continue;
      enqueue(subscriber, async () => {
        const visible = await audience.maySee(restricted.documents).catch(() => new Set<string>());
        const mine = new Set(restricted.documents.map((d) => d.id).filter((id) => visible.has(id)));
        if (mine.size === 0) return [];
        return restricted.eventsFor(mine).map((event) => checked(event.name, event.payload));
      });
    }
  }

  /** Resolves once every event emitted so far reached its listeners (a call's own changes before its answer). */
  async delivered(): Promise<void> {
    await Promise.all([...this.#subscribers].map((s) => s.tail));
  }

  subscribe(listener: Listener, audience?: EventAudience): () => void {
    const subscriber: Subscriber = { listener, audience, tail: Promise.resolve() };
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  get listenerCount(): number {
    return this.#subscribers.size;
  }
}

function checked(name: EventName, payload: unknown): EventEnvelope {
  return { name, payload: eventSchemas[name].parse(payload) } as EventEnvelope;
}

function enqueue(subscriber: Subscriber, make: () => Promise<readonly EventEnvelope[]>): void {
  subscriber.tail = subscriber.tail.then(async () => {
    try {
      for (const event of await make()) subscriber.listener(event);
    } catch {
      // A listener that failed (a stream closed under it) must not hold up the ones after it.
    }
  });
}
