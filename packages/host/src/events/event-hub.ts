import { eventSchemas, type EventEnvelope, type EventName, type EventPayload } from '@eoffice/contract';

/** Fans service events out to every connected face (IPC windows, SSE streams). */
export class EventHub {
  readonly #listeners = new Set<(event: EventEnvelope) => void>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const checked = eventSchemas[name].parse(payload);
    const event = { name, payload: checked } as EventEnvelope;
    for (const listener of this.#listeners) listener(event);
  }

  subscribe(listener: (event: EventEnvelope) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
