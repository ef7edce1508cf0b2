import { parentPort, workerData } from 'node:worker_threads';
import type { Finding, ScanWarning } from './findings';
import { emptyStats, scanFile } from './scan-file';
import { createContentScanners, type ContentScannerOptions } from './scanners';
import type { WalkedFile } from './walk';

export interface WorkerInit {
  scanners: ContentScannerOptions;
  maxBytes: number;
}

export type WorkerReply = { findings: Finding[]; warnings: ScanWarning[]; stats: ReturnType<typeof emptyStats> };

/** One scanning thread: receives batches of files, answers each with its findings, warnings and counts. */
const init = workerData as WorkerInit;
const { scanners } = createContentScanners(init.scanners);
parentPort!.on('message', (batch: WalkedFile[]) => {
  const reply: WorkerReply = { findings: [], warnings: [], stats: emptyStats() };
  for (const file of batch) scanFile(file, scanners, init.maxBytes, reply.stats, reply.findings, reply.warnings);
  parentPort!.postMessage(reply);
});
