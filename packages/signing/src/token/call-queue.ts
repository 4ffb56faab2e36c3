/**
 * Runs tasks one after another. PKCS#11 modules of USB tokens are rarely safe to call from two places at once, and a
 * session's C_SignInit/C_Sign pair must not interleave with another signature, so every call to one module goes
 * through one queue.
 */
export class CallQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The queue continues whatever the task's outcome; the caller still sees the rejection through `result`.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
