import { describe, expect, it } from 'vitest';
import { createClient, readServerSentEvents, type Transport } from '../src/index.js';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('readServerSentEvents', () => {
  it('reassembles events split across chunks and skips comments and bad JSON', async () => {
    const seen: unknown[] = [];
    await readServerSentEvents(
      streamOf([': connected\n\n', 'data: {"a":', '1}\n\n', 'data: not json\n\n', 'data: {"b":2}\n\n']),
      (raw) => seen.push(raw),
    );
    expect(seen).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe('client events', () => {
  it('delivers only events that match the contract', () => {
    let push: (raw: unknown) => void = () => {};
    const transport: Transport = {
      call: async () => ({ ok: true, result: null }),
      subscribe: (listener) => ((push = listener), () => {}),
    };
    const seen: string[] = [];
    createClient(transport).onEvent((event) => seen.push(event.name));
    push({ name: 'sync.status', payload: { state: 'idle', pendingOutgoing: 0, lastSyncAt: null, message: null } });
    push({ name: 'sync.status', payload: { state: 'exploded' } });
    push({ name: 'unknown.event', payload: {} });
    expect(seen).toEqual(['sync.status']);
  });
});
