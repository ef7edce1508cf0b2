import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSalesforce, SalesforceRequestError, type LeadFields } from '../../src/integrations/salesforce';
import { parseRowError } from '../../src/integrations/salesforce/bulk-csv';
import { startFakeSalesforce, type FakeSalesforce } from '../fakes/salesforce';
import { rejection } from '../support/rejection';

let fake: FakeSalesforce;

beforeEach(async () => {
  fake = await startFakeSalesforce();
});

afterEach(() => fake.close());

function connect() {
  return connectSalesforce({ instanceUrl: fake.url, loginUrl: fake.url, apiVersion: '62.0', auth: { kind: 'token', accessToken: fake.accessToken } });
}

const leads = (count: number, from = 0): LeadFields[] =>
  Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return { FirstName: `First${n}`, LastName: `Last, "${n}"`, Email: `bulk${n}@example.test`, Company: `Company ${n}`, ...(n % 7 === 0 && { Description: `line one\nline two; ${n}` }) };
  });

const FAST = { pollIntervalMs: 1 };

describe('Salesforce adapter: Bulk API 2.0 inserts', () => {
  it('imports 5,000 Leads in one job: job id first, one full upload, outcomes in input order, every row once', async () => {
    const existing = fake.addContact({ LastName: 'Known', Email: 'bulk10@example.test' });
    const records = leads(5000);
    records[20] = { ...records[20]!, Email: 'broken' };
    const sf = await connect();
    const seen: string[] = [];
    const outcomes = await sf.bulkCreateLeads(records, { ...FAST, onJob: (id) => seen.push(`${id} after ${fake.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`) });

    const job = [...fake.jobs.values()][0]!;
    expect(seen).toEqual([`${job.id} after POST /jobs/ingest`]);
    const uploads = fake.requestsTo(`PUT /jobs/ingest/${job.id}/batches`);
    expect(uploads).toHaveLength(1);
    expect(parse(uploads[0]!.body as string, { columns: true })).toHaveLength(5000);
    expect(outcomes).toHaveLength(5000);
    expect(outcomes[10]).toEqual({ ok: false, errors: [{ code: 'DUPLICATES_DETECTED', message: 'Use one of these records?', fields: [] }] });
    expect(outcomes[20]).toEqual({ ok: false, errors: [{ code: 'INVALID_EMAIL_ADDRESS', message: 'Email: invalid email address: broken', fields: ['Email'] }] });
    const wrong = outcomes.filter((outcome, n) => {
      if (n === 10 || n === 20) return false;
      const created = fake.records.Lead.get(outcome.id ?? '');
      return !outcome.ok || !outcome.created || created?.Email !== records[n]!.Email || created.LastName !== records[n]!.LastName || created.Description !== records[n]!.Description;
    });
    expect(wrong).toEqual([]);
    expect(fake.records.Lead.size).toBe(4998);
    expect(fake.withEmail('bulk10@example.test')).toEqual([existing]);
    expect(job.deleted).toBe(false);
    expect(sf.apiCalls).toBe(7);
    expect(fake.requests.map((r) => `${r.method} ${r.path.replace(job.id, 'ID')}`)).toEqual([
      'POST /jobs/ingest',
      'PUT /jobs/ingest/ID/batches',
      'PATCH /jobs/ingest/ID',
      'GET /jobs/ingest/ID',
      'GET /jobs/ingest/ID',
      'GET /jobs/ingest/ID/successfulResults',
      'GET /jobs/ingest/ID/failedResults',
    ]);
  });

  it('stops waiting without deleting the job; a new connection resumes it, given the records in any order', async () => {
    await fake.close();
    fake = await startFakeSalesforce({ checksUntilComplete: 4 });
    const records = leads(300);
    let jobId = '';
    const first = await connect();
    const error = await rejection(first.bulkCreateLeads(records, { pollIntervalMs: 1, timeoutMs: 0, onJob: (id) => (jobId = id) }), SalesforceRequestError);
    expect(error.message).toBe(`Bulk job ${jobId} is still InProgress after 0 s`);
    expect(error.ambiguous).toBe(true);
    expect(fake.jobs.get(jobId)?.deleted).toBe(false);

    const shuffled = records.toReversed();
    const outcomes = await (await connect()).resumeBulkLeads(jobId, shuffled, FAST);
    outcomes.forEach((outcome, n) => expect(fake.records.Lead.get(outcome.id!)?.Email).toBe(shuffled[n]!.Email));
    for (const record of records) expect(fake.withEmail(record.Email)).toHaveLength(1);
    expect(fake.requestsTo(`PUT /jobs/ingest/${jobId}/batches`)).toHaveLength(1);
  });

  it('resumes a job whose start was lost: finishes it if Salesforce got it, else aborts it (nothing imported)', async () => {
    fake.failNext('PATCH /jobs/ingest', 'drop-after-write');
    fake.failNext('PATCH /jobs/ingest', 503);
    const sf = await connect();
    let started = '';
    const lost = await rejection(sf.bulkCreateLeads(leads(10), { ...FAST, onJob: (id) => (started = id) }), SalesforceRequestError);
    expect(lost.ambiguous).toBe(true);
    expect(fake.jobs.get(started)?.state).toBe('UploadComplete');
    const outcomes = await (await connect()).resumeBulkLeads(started, leads(10), FAST);
    expect(outcomes.every((o) => o.ok)).toBe(true);

    let refused = '';
    expect((await rejection(sf.bulkCreateLeads(leads(10, 10), { ...FAST, onJob: (id) => (refused = id) }), SalesforceRequestError)).ambiguous).toBe(true);
    expect(fake.jobs.get(refused)?.state).toBe('Open');
    const resumed = await rejection((await connect()).resumeBulkLeads(refused, leads(10, 10), FAST), SalesforceRequestError);
    expect(resumed.message).toBe(`Bulk job ${refused} was never started, so it imported nothing; it is aborted now`);
    expect(resumed.ambiguous).toBe(false);
    expect(fake.jobs.get(refused)?.state).toBe('Aborted');
    expect(fake.withEmail('bulk10@example.test')).toHaveLength(0);
  });

  it('never re-sends the upload: a failed PUT fails the call, and nothing is imported', async () => {
    fake.failNext('PUT /jobs/ingest', 503);
    let jobId = '';
    const error = await rejection((await connect()).bulkCreateLeads(leads(50), { ...FAST, onJob: (id) => (jobId = id) }), SalesforceRequestError);
    expect(error).toMatchObject({ ambiguous: false, status: 503 });
    expect(error.message).toBe(`Salesforce could not upload 50 Leads to bulk job ${jobId}: SERVER_UNAVAILABLE: Server is temporarily unavailable, please try again later (HTTP 503)`);
    expect(fake.requestsTo('PUT /jobs/ingest')).toHaveLength(1);
    expect(fake.jobs.get(jobId)?.state).toBe('Open');
  });

  it('rides out a failed look at a running job', async () => {
    fake.failNext('GET /jobs/ingest', 503);
    const outcomes = await (await connect()).bulkCreateLeads(leads(5), { ...FAST, onJob: () => undefined });
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it('reports every row of a failed job as not processed, with the reason', async () => {
    fake.failNextJob('InvalidBatch : Field name not found : Nickname__c');
    const outcomes = await (await connect()).bulkCreateLeads(leads(3), { ...FAST, onJob: () => undefined });
    expect(outcomes).toEqual(
      Array.from({ length: 3 }, () => ({ ok: false, errors: [{ code: 'NOT_PROCESSED', message: 'the bulk job ended Failed: InvalidBatch : Field name not found : Nickname__c', fields: [] }] })),
    );
    expect(fake.records.Lead.size).toBe(0);
  });

  it('reads the errors of failed rows as Salesforce writes them', () => {
    expect(parseRowError('REQUIRED_FIELD_MISSING:Required fields are missing: [Company]:Company --')).toEqual({ code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company]', fields: ['Company'] });
    expect(parseRowError('DUPLICATES_DETECTED:Use one of these records?:--')).toEqual({ code: 'DUPLICATES_DETECTED', message: 'Use one of these records?', fields: [] });
    expect(parseRowError('FIELD_CUSTOM_VALIDATION_EXCEPTION:Bad: really:A,B --')).toEqual({ code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Bad: really', fields: ['A', 'B'] });
  });
});
