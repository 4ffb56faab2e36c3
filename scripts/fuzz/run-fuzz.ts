import { createHash } from 'node:crypto';
import { Random, caseSeed, mutate } from './mutate.js';

/** What one input did, in the CLI's terms: exit 0 accepted, 1 rejected (a verdict), 2 refused (typed error). */
export interface CaseOutcome {
  readonly exit: 0 | 1 | 2 | 'crash';
  /** The typed error's code (exit 2), or the crash's error name. */
  readonly code?: string;
  readonly message?: string;
  readonly stack?: string;
}

export interface FuzzTarget {
  readonly name: string;
  /** Tokens of the format, for the format-aware mutations. */
  readonly tokens: readonly string[];
  run(bytes: Buffer): CaseOutcome | Promise<CaseOutcome>;
}

export interface Seed {
  readonly name: string;
  readonly bytes: Buffer;
}

export interface FailedCase {
  readonly index: number;
  readonly seedName: string;
  readonly mutations: readonly string[];
  readonly reason: string;
  readonly outcome: CaseOutcome;
  readonly bytes: Buffer;
  readonly sha256: string;
}

export interface FuzzSummary {
  readonly cases: number;
  readonly byExit: Record<string, number>;
  readonly byCode: Record<string, number>;
  /** By wall time, and by the process's CPU time during the case (what the machine's other load inflates least). */
  readonly slowest: { ms: number; index: number; seedName: string; exit: CaseOutcome['exit'] };
  readonly slowestCpu: { ms: number; index: number; seedName: string; exit: CaseOutcome['exit'] };
  /** Resident memory measured after each case (the process's peak is `peakRssMb`). */
  readonly largestRssMb: number;
  /** The harness's own resident memory before the first case (seeds and libraries): the limit applies above it. */
  readonly baselineRssMb: number;
  readonly peakRssMb: number;
  readonly failures: readonly FailedCase[];
  readonly seconds: number;
}

export interface FuzzOptions {
  readonly seeds: readonly Seed[];
  readonly cases: number;
  /** The first case's number (default 0): cases first..first+cases-1 are the same as in a run started at 0. */
  readonly first?: number;
  readonly runSeed: number;
  readonly target: FuzzTarget;
  /** A case slower than this or a process above this RSS is a failure (issue 13: 5 s, 300 MB). */
  readonly maxMs?: number;
  readonly maxRssMb?: number;
  readonly onProgress?: (done: number, summary: FuzzSummary) => void;
  readonly progressEvery?: number;
  /** Called at once for each failing case (a long run may be stopped before it ends). */
  readonly onFailure?: (failure: FailedCase) => void;
}

const rssMb = (): number => process.memoryUsage.rss() / 1024 / 1024;

/**
 * Runs `cases` mutated inputs through the target in this process, one after another. Case i mutates seed
 * (i mod seeds) with the generator seeded caseSeed(runSeed, i), so any case is replayed from the two numbers.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const { seeds, target, runSeed } = options;
  const maxMs = options.maxMs ?? 5000;
  const maxRssMb = options.maxRssMb ?? 300;
  const byExit: Record<string, number> = {};
  const byCode: Record<string, number> = {};
  const failures: FailedCase[] = [];
  let slowest: FuzzSummary['slowest'] = { ms: 0, index: -1, seedName: '', exit: 0 };
  let slowestCpu: FuzzSummary['slowestCpu'] = { ms: 0, index: -1, seedName: '', exit: 0 };
  let largestRssMb = rssMb();
  // The harness itself holds every seed file and the libraries (~250 MB before the first case): a case is measured
  // by what it adds to that, or a long run would flag every case once the heap has grown to its working size.
  const baselineRssMb = largestRssMb;
  const started = performance.now();
  const summary = (done: number): FuzzSummary => ({
    cases: done,
    byExit: { ...byExit },
    byCode: { ...byCode },
    slowest,
    slowestCpu,
    largestRssMb,
    baselineRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    failures,
    seconds: (performance.now() - started) / 1000,
  });
  const first = options.first ?? 0;
  for (let index = first; index < first + options.cases; index++) {
    const random = new Random(caseSeed(runSeed, index));
    const seed = seeds[index % seeds.length]!;
    const other = seeds[random.int(seeds.length)]!;
    const { bytes, applied } = mutate(seed.bytes, other.bytes, random, target.tokens);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let outcome: CaseOutcome;
    try {
      outcome = await target.run(bytes);
    } catch (error) {
      // The target catches what it expects; anything reaching here is a crash of the harness's making or the target's.
      const e = error instanceof Error ? error : new Error(String(error));
      outcome = { exit: 'crash', code: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
    }
    const ms = performance.now() - t0;
    const cpuUsed = process.cpuUsage(cpu0);
    // Let the event loop turn, as it does between two verifications in the app (each is its own message to the
    // verifier thread): Node frees a failed zlib call's buffers only then, and a loop that never yields grew ~9 KB a
    // case from them alone.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
    const rss = rssMb();
    if (rss > largestRssMb) largestRssMb = rss;
    byExit[String(outcome.exit)] = (byExit[String(outcome.exit)] ?? 0) + 1;
    if (outcome.code) byCode[outcome.code] = (byCode[outcome.code] ?? 0) + 1;
    if (ms > slowest.ms) slowest = { ms, index, seedName: seed.name, exit: outcome.exit };
    if (cpuMs > slowestCpu.ms) slowestCpu = { ms: cpuMs, index, seedName: seed.name, exit: outcome.exit };
    // Slow means slow in CPU time: on a shared machine wall time also counts the other processes' turns.
    const reason =
      outcome.exit === 'crash' ? 'crash' : cpuMs > maxMs ? `slow (${Math.round(cpuMs)} ms CPU, ${Math.round(ms)} ms wall)` : rss - baselineRssMb > maxRssMb ? `memory (${Math.round(rss)} MB, ${Math.round(rss - baselineRssMb)} MB over the harness's own)` : null;
    if (reason) {
      const failure: FailedCase = {
        index,
        seedName: seed.name,
        mutations: applied,
        reason,
        outcome,
        bytes,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
      failures.push(failure);
      options.onFailure?.(failure);
    }
    const done = index + 1 - first;
    if (options.onProgress && done % (options.progressEvery ?? 1000) === 0) options.onProgress(done, summary(done));
  }
  return summary(options.cases);
}

/** The outcome table for a README: exit codes, typed codes, slowest case, memory, failures. */
export function outcomeTable(title: string, s: FuzzSummary, runSeed: number): string {
  const lines = [
    `${title}: ${s.cases.toLocaleString('en-US')} cases, run seed ${runSeed}, ${s.seconds.toFixed(0)} s in one process.`,
    '',
    '| outcome | cases |',
    '| --- | --- |',
    ...['0', '1', '2', 'crash'].map((exit) => `| exit ${exit === 'crash' ? 'crash (uncaught error, stack trace)' : `${exit}${exit === '0' ? ' (accepted)' : exit === '1' ? ' (verdict: not acceptable)' : ' (typed refusal)'}`} | ${(s.byExit[exit] ?? 0).toLocaleString('en-US')} |`),
    '',
    '| typed code (exit 2) or error | cases |',
    '| --- | --- |',
    ...Object.entries(s.byCode)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `| ${code} | ${n.toLocaleString('en-US')} |`),
    '',
    `Slowest case by wall time: ${s.slowest.ms.toFixed(0)} ms (case ${s.slowest.index}, seed file ${s.slowest.seedName}, exit ${s.slowest.exit}); ` +
      `by CPU time: ${s.slowestCpu.ms.toFixed(0)} ms (case ${s.slowestCpu.index}, ${s.slowestCpu.seedName}, exit ${s.slowestCpu.exit}). ` +
      `Largest RSS after a case: ${s.largestRssMb.toFixed(0)} MB (the harness's own before the first case: ${s.baselineRssMb.toFixed(0)} MB); process peak RSS ${s.peakRssMb.toFixed(0)} MB. ` +
      `Failures (crash, > 5 s CPU, or > 300 MB over the harness's own): ${s.failures.length}.`,
  ];
  for (const f of s.failures.slice(0, 20)) {
    lines.push('', `- case ${f.index} (${f.seedName}; ${f.mutations.join(', ')}): ${f.reason} — ${f.outcome.code ?? ''} ${f.outcome.message ?? ''}`);
    if (f.outcome.stack) lines.push('', '```', ...f.outcome.stack.split('\n').slice(0, 8), '```');
  }
  return lines.join('\n');
}
