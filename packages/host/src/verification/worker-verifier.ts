import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EOfficeError } from '@eoffice/contract';
import type { ParsedCertificate, PdfVerifyReport } from '@eoffice/signing';
import type { VerifyRequest, VerifyResponse } from './verify-messages.js';

export interface VerifierLimits {
  /** Wall time one verification may take before its thread is stopped. Default 30 s (a 100 MiB file takes < 1 s). */
  readonly timeMs?: number;
  /** The thread's JavaScript heap (V8 old generation). Default 256 MB; decoded streams are bounded by the reader itself. */
  readonly heapMb?: number;
}

const DEFAULT_TIME_MS = 30_000;
const DEFAULT_HEAP_MB = 256;

/**
 * Runs verifyPdfSignatures on a worker thread with a time and a memory limit (issue 13 item 4: one documents.verify
 * once froze the web host for 5 s). One thread, kept between verifications and replaced when a limit stops it;
 * verifications queue on it, while every other call keeps the main thread. The thread does not keep the process
 * alive while idle.
 */
export class WorkerVerifier {
  private worker: Worker | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timeMs: number;
  private readonly heapMb: number;

  constructor(limits: VerifierLimits = {}) {
    this.timeMs = limits.timeMs ?? DEFAULT_TIME_MS;
    this.heapMb = limits.heapMb ?? DEFAULT_HEAP_MB;
  }

  verify(pdf: Uint8Array, anchors: readonly ParsedCertificate[], at?: Date): Promise<PdfVerifyReport> {
    const run = this.queue.then(() => this.runOne(pdf, anchors, at));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the thread (tests, shutdown). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private runOne(pdf: Uint8Array, anchors: readonly ParsedCertificate[], at?: Date): Promise<PdfVerifyReport> {
    const worker = (this.worker ??= startWorker(this.heapMb));
    const request: VerifyRequest = { id: this.nextId++, pdf, anchors: anchors.map((a) => a.der), ...(at ? { at: at.toISOString() } : {}) };
    return new Promise<PdfVerifyReport>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
      };
      // A thread stopped by a limit is dropped; the next verification starts a fresh one.
      const discard = (): void => {
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
      };
      const onMessage = (response: VerifyResponse): void => {
        if (response.id !== request.id) return;
        finish();
        if ('report' in response) resolve(response.report);
        else if (response.error.kind === 'unreadable') reject(unreadable(response.error.message));
        else reject(new EOfficeError('E_INTERNAL', response.error.message));
      };
      const onError = (error: Error): void => {
        finish();
        discard();
        const code = (error as { code?: unknown }).code;
        reject(
          code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? unreadable(`vượt giới hạn bộ nhớ ${this.heapMb} MB khi kiểm tra / verification exceeded its ${this.heapMb} MB memory limit`)
            : new EOfficeError('E_INTERNAL', error.message),
        );
      };
      const onExit = (): void => {
        finish();
        discard();
        reject(unreadable('luồng kiểm tra dừng bất thường / the verifier thread stopped'));
      };
      const timer = setTimeout(() => {
        finish();
        discard();
        reject(unreadable(`quá ${this.timeMs} ms khi kiểm tra / verification exceeded its ${this.timeMs} ms time limit`));
      }, this.timeMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.ref();
      worker.postMessage(request);
    });
  }
}

const unreadable = (detail: string): EOfficeError =>
  new EOfficeError('E_PDF_UNREADABLE', `Không kiểm tra được chữ ký của tệp PDF: ${detail}`);

/**
 * The CLI's bundle keeps source URLs but builds the worker too (scripts/eoffice/build): set there, so a command's
 * verification neither transpiles the signing package again in the thread nor leaves tsx's cache in the temp folder.
 */
declare const __EOFFICE_VERIFY_WORKER_URL__: string | undefined;
const BUNDLED_WORKER_URL = typeof __EOFFICE_VERIFY_WORKER_URL__ === 'string' ? __EOFFICE_VERIFY_WORKER_URL__ : undefined;

/**
 * The worker's entry beside this module: built JavaScript when this module is (the desktop bundle emits
 * verify-worker.js next to main.js); from source (tsx, vitest, the CLI's bundle, which keeps source URLs), the
 * TypeScript entry loaded through tsx's loader, registered inside the new thread.
 */
function startWorker(heapMb: number): Worker {
  const here = import.meta.url;
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, heapMb / 8)) };
  let worker: Worker;
  if (BUNDLED_WORKER_URL !== undefined) {
    worker = new Worker(new URL(BUNDLED_WORKER_URL), { resourceLimits });
  } else if (here.endsWith('.ts')) {
    const entry = new URL('./verify-worker.ts', here).href;
    const tsxApi = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
    worker = new Worker(bootstrap, { eval: true, resourceLimits });
  } else {
    worker = new Worker(new URL('./verify-worker.js', here), { resourceLimits });
  }
  worker.unref();
  return worker;
}
