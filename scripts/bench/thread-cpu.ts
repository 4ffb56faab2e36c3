import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) used so far by each thread of this process (Linux /proc). Node names all its threads
 * "node": the main thread is the one whose id is the process id; the others are libuv's pool (where the sqlite3
 * driver runs SQLite), V8's garbage collector and compiler.
 */
export function cpuByThread(): Map<number, number> {
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux we run on
  const byThread = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      // The name may hold spaces and parentheses: the fields start after the last ')'.
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byThread.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / ticksPerSecond);
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return byThread;
}

/** CPU seconds between two readings: the main thread, the busiest other thread, and all others together. */
export function cpuSince(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number> = cpuByThread()): string {
  const used = [...after].map(([tid, seconds]) => [tid, seconds - (before.get(tid) ?? 0)] as const);
  const main = used.find(([tid]) => tid === process.pid)?.[1] ?? 0;
  const others = used.filter(([tid]) => tid !== process.pid).map(([, s]) => s).sort((a, b) => b - a);
  const rest = others.slice(1).reduce((a, b) => a + b, 0);
  return `main thread (JS) ${main.toFixed(1)} s, busiest pool thread (SQLite) ${(others[0] ?? 0).toFixed(1)} s, other threads ${rest.toFixed(1)} s`;
}
