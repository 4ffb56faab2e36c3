/**
 * When the next try of a message that failed `attempts` times is due, or null when the schedule is used up and the
 * message stops (`failed`, shown with its error until someone retries it).
 */
export function nextAttemptAt(now: Date, attempts: number, schedule: readonly number[]): Date | null {
  const wait = schedule[attempts - 1];
  return wait === undefined ? null : new Date(now.getTime() + wait);
}
