import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Finding, ScanWarning } from './findings';
import { batchesOf } from './batches';
import { addStats, emptyStats, type FileStats } from './scan-file';
import type { WalkedFile } from './walk';
import type { WorkerInit, WorkerReply } from './worker';

const IN_FLIGHT_PER_WORKER = 2;
// V8 sizes a thread's heap from the machine's memory and collects lazily; a cap makes each worker collect sooner,
// which keeps a whole scan of a 400 MB tree under 400 MB of memory. Parsing a 2 MB bundle needs about a third of it.
const WORKER_OLD_SPACE_MB = 256;

/** From the bundle (dist/chunks/*.js) the worker is dist/scan-worker.js; from source (tests) it is worker.ts via tsx. */
function workerEntry(): { url: URL; execArgv: string[] } {
  if (import.meta.url.endsWith('.ts')) return { url: new URL('./worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
  return { url: new URL('../scan-worker.js', import.meta.url), execArgv: [] };
}

export interface PoolResult {
  findings: Finding[];
  warnings: ScanWarning[];
  stats: FileStats;
}

/**
 * Spreads files over worker threads, one per core. The walk is paused while every worker has its quota of
 * batches in flight, so memory stays flat however large the tree; see batchesOf for the order.
 */
export async function scanWithPool(files: Iterable<WalkedFile>, init: WorkerInit, signal?: AbortSignal, threads = availableParallelism()): Promise<PoolResult> {
  const entry = workerEntry();
  const workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(entry.url, { workerData: init, execArgv: entry.execArgv, resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB } }));
  const result: PoolResult = { findings: [], warnings: [], stats: emptyStats() };
  const inFlight = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const settle = () => {
    wake?.();
    wake = undefined;
  };
  for (const w of workers) {
    w.on('message', (reply: WorkerReply) => {
      result.findings.push(...reply.findings);
      result.warnings.push(...reply.warnings);
      addStats(result.stats, reply.stats);
      inFlight.set(w, inFlight.get(w)! - 1);
      settle();
    });
    w.on('error', (err) => {
      failure ??= err;
      settle();
    });
  }
  const freeWorker = async (): Promise<Worker> => {
    for (;;) {
      if (failure) throw failure;
      let best: Worker | undefined;
      for (const [w, n] of inFlight) if (n < IN_FLIGHT_PER_WORKER && (!best || n < inFlight.get(best)!)) best = w;
      if (best) return best;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const send = async (batch: WalkedFile[]) => {
    const w = await freeWorker();
    inFlight.set(w, inFlight.get(w)! + 1);
    w.postMessage(batch);
  };
  try {
    for (const batch of batchesOf(files)) {
      if (signal?.aborted) throw new Error('scan interrupted');
      await send(batch);
    }
    while ([...inFlight.values()].some((n) => n > 0)) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    return result;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
