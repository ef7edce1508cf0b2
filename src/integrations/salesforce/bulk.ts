/**
 * Bulk API 2.0 inserts of Leads. jsforce's IngestJobV2 opens, closes, checks and reads the job; the CSV goes up in one
 * PUT sent here, since jsforce's uploadData re-sends its PUT with an empty body when it retries (FACTS.md). No job is
 * ever deleted: jsforce's loadAndWaitForResults deletes the job on any failure, poll timeouts included, and then
 * neither the caller nor a resumed run could learn what it imported.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Schema } from 'jsforce';
import type { IngestJobV2, JobInfoV2 } from 'jsforce/lib/api/bulk2';
import { csvOf, outcomesOf } from './bulk-csv';
import { SalesforceRequestError } from './errors';
import type { Session } from './session';
import type { BulkCreateOptions, BulkWaitOptions, LeadFields, RecordOutcome } from './types';

const DEFAULT_POLL_INTERVAL_MS = 5_000;
const DEFAULT_WAIT_MS = 10 * 60_000;
/** Salesforce takes 150 MB of base64 per upload, about 100 MB of CSV. */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Failed looks at a running job in a row before giving up (the job runs on regardless). */
const TOLERATED_POLL_FAILURES = 3;
const FINISHED = new Set<JobInfoV2['state']>(['JobComplete', 'Failed', 'Aborted']);

type Job = IngestJobV2<Schema>;

export async function bulkCreateLeads(session: Session, records: LeadFields[], options: BulkCreateOptions): Promise<RecordOutcome[]> {
  if (records.length === 0) return [];
  const upload = csvOf(records);
  const bytes = Buffer.byteLength(upload.csv);
  if (bytes > MAX_UPLOAD_BYTES) {
    const size = `${Math.ceil(bytes / 1024 / 1024)} MB`;
    throw new SalesforceRequestError(`${records.length} Leads make ${size} of CSV, more than one bulk job takes (100 MB)`, { ambiguous: false, hint: 'Import them in smaller parts.' });
  }
  const job: Job = session.conn.bulk2.createJob({ object: 'Lead', operation: 'insert', lineEnding: 'LF', columnDelimiter: 'COMMA' });
  await session.call(`open a bulk job for ${records.length} Leads`, 'none', () => job.open());
  options.onJob(job.id);
  // Until the job is closed nothing it holds is imported, so a failed upload has written nothing.
  await session.call(`upload ${records.length} Leads to bulk job ${job.id}`, 'none', (conn) =>
    conn.request({ method: 'PUT', url: `/services/data/v${conn.version}/jobs/ingest/${job.id}/batches`, headers: { 'content-type': 'text/csv' }, body: upload.csv }),
  );
  await session.call(`start bulk job ${job.id}`, 'write', () => job.close());
  return finish(session, job, records, upload.columns, options);
}

export async function resumeBulkLeads(session: Session, jobId: string, records: LeadFields[], options: BulkWaitOptions = {}): Promise<RecordOutcome[]> {
  const job: Job = session.conn.bulk2.job('ingest', { id: jobId });
  const info = await session.call(`check bulk job ${jobId}`, 'committed', () => job.check());
  if (info.state === 'Open') {
    await session.call(`abort bulk job ${jobId}`, 'none', () => job.abort());
    throw new SalesforceRequestError(`Bulk job ${jobId} was never started, so it imported nothing; it is aborted now`, {
      ambiguous: false,
      hint: 'Import the Leads again: a new job will be created.',
    });
  }
  return finish(session, job, records, csvOf(records).columns, options);
}

async function finish(session: Session, job: Job, records: LeadFields[], columns: string[], options: BulkWaitOptions): Promise<RecordOutcome[]> {
  const info = await waitForJob(session, job, options);
  const read = (what: string, get: () => Promise<string>, needed: boolean): Promise<string> =>
    needed ? session.call(`read the ${what} of bulk job ${job.id}`, 'committed', get) : Promise.resolve('');
  const processed = info.numberRecordsProcessed ?? 0;
  const failed = info.numberRecordsFailed ?? 0;
  const results = {
    successful: await read('successful results', () => job.getSuccessfulResults(true), processed > failed),
    failed: await read('failed results', () => job.getFailedResults(true), failed > 0),
    unprocessed: await read('unprocessed records', () => job.getUnprocessedRecords(true), processed < records.length),
  };
  const reason = info.state === 'JobComplete' ? 'Salesforce did not process this row' : `the bulk job ended ${info.state}${info.errorMessage ? `: ${info.errorMessage}` : ''}`;
  return outcomesOf(records, columns, results, reason);
}

/** Small jobs finish in well under a second: the first look comes soon, then each wait doubles up to the interval. */
const FIRST_POLL_MS = 250;

async function waitForJob(session: Session, job: Job, options: BulkWaitOptions): Promise<JobInfoV2> {
  const longest = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  let interval = Math.min(FIRST_POLL_MS, longest);
  const waitMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
  const deadline = Date.now() + waitMs;
  let failures = 0;
  let state = 'UploadComplete';
  for (;;) {
    try {
      const info = await session.call(`check bulk job ${job.id}`, 'committed', () => job.check());
      if (FINISHED.has(info.state)) return info;
      state = info.state;
      failures = 0;
    } catch (error) {
      if (!(error instanceof SalesforceRequestError) || ++failures > TOLERATED_POLL_FAILURES) throw error;
    }
    if (Date.now() + interval > deadline) {
      throw new SalesforceRequestError(`Bulk job ${job.id} is still ${state} after ${Math.round(waitMs / 1000)} s`, {
        ambiguous: true,
        hint: 'Salesforce keeps processing the job: run again later to pick up its results (resumeBulkLeads with the job id).',
      });
    }
    await sleep(interval);
    interval = Math.min(interval * 2, longest);
  }
}
