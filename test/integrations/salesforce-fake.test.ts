/**
 * The fake against jsforce itself, unmodified (no biz transport): the wire shapes it serves are the ones jsforce
 * parses, and the jsforce behaviours the adapter works around (FACTS.md) show up against it.
 */
import { Connection } from 'jsforce';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeSalesforce, type FakeSalesforce } from '../fakes/salesforce';

let fake: FakeSalesforce;

beforeEach(async () => {
  fake = await startFakeSalesforce();
});

afterEach(() => fake.close());

const plain = () => new Connection({ instanceUrl: fake.url, accessToken: fake.accessToken, version: '62.0' });

describe('fake Salesforce, spoken to by jsforce as shipped', () => {
  it('answers queries and single creates; a duplicate is a 400 with duplicateResult', async () => {
    const contact = fake.addContact({ LastName: 'Known', Email: 'known@example.test' });
    const conn = plain();
    const result = await conn.query<{ Id: string; Email: string }>("SELECT Id, Email FROM Contact WHERE Email = 'KNOWN@example.test'");
    expect(result.records.map((r) => r.Id)).toEqual([contact.Id]);
    const created = await conn.sobject('Lead').create({ LastName: 'New', Company: 'Acme', Email: 'new@example.test' });
    expect(created).toEqual({ id: expect.stringMatching(/^00Q/), success: true, errors: [] });
    type DuplicateError = { errorCode: string; data: { duplicateResult: { matchResults: Array<{ matchRecords: Array<{ record: { Id: string } }> }> } } };
    const duplicate = (await conn
      .sobject('Lead')
      .create({ LastName: 'Again', Company: 'Acme', Email: 'known@example.test' })
      .catch((e: unknown) => e)) as DuplicateError;
    expect(duplicate.errorCode).toBe('DUPLICATES_DETECTED');
    expect(duplicate.data.duplicateResult.matchResults[0]?.matchRecords[0]?.record.Id).toBe(contact.Id);
  });

  it('answers collections with statusCode in each error, though jsforce types it as errorCode', async () => {
    fake.addContact({ LastName: 'Known', Email: 'known@example.test' });
    const results = await plain().sobject('Lead').create([{ LastName: 'A', Company: 'X', Email: 'known@example.test' }], { allOrNone: false });
    expect(results[0]).toMatchObject({ success: false, errors: [{ statusCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?' }] });
  });

  it("serves jsforce's own refresh, which needs the id URL in the token reply", async () => {
    const conn = new Connection({
      instanceUrl: fake.url,
      accessToken: 'expired-token-0000',
      refreshToken: fake.refreshToken,
      oauth2: { loginUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret },
      version: '62.0',
    });
    const refreshed = vi.fn();
    conn.on('refresh', refreshed);
    await conn.query('SELECT Id FROM Lead WHERE Email = null');
    expect(refreshed).toHaveBeenCalledWith(fake.issuedTokens[1], expect.objectContaining({ id: expect.stringContaining('/id/00D') }));
  });

  it('runs a bulk insert through loadAndWaitForResults', async () => {
    const conn = plain();
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Lead',
      operation: 'insert',
      input: [
        { LastName: 'B1', Company: 'X', Email: 'b1@example.test' },
        { LastName: 'B2', Company: 'X', Email: 'bad' },
      ],
      pollInterval: 1,
      pollTimeout: 10_000,
    });
    expect(results.successfulResults).toHaveLength(1);
    expect(results.failedResults[0]?.sf__Error).toBe('INVALID_EMAIL_ADDRESS:Email: invalid email address: bad:Email --');
  });

  it('shows loadAndWaitForResults deleting the job when polling times out', async () => {
    await fake.close();
    fake = await startFakeSalesforce({ checksUntilComplete: 100 });
    const conn = plain();
    const failed = await conn.bulk2
      .loadAndWaitForResults({ object: 'Lead', operation: 'insert', input: [{ LastName: 'T', Company: 'X', Email: 't@example.test' }], pollInterval: 5, pollTimeout: 1 })
      .catch((e: unknown) => e as Error);
    expect((failed as Error).name).toBe('JobPollingTimeout');
    await vi.waitFor(() => expect([...fake.jobs.values()][0]?.deleted).toBe(true));
  });

  it('shows uploadData sending its PUT again with an empty body after a 503', async () => {
    fake.failNext('PUT /jobs/ingest', 503);
    const job = plain().bulk2.createJob({ object: 'Lead', operation: 'insert' });
    await job.open();
    await job.uploadData('LastName,Company,Email\nU,X,u@example.test\n');
    const uploads = fake.requestsTo('PUT /jobs/ingest');
    expect(uploads.map((r) => r.body)).toEqual(['LastName,Company,Email\nU,X,u@example.test\n', undefined]);
    expect(fake.jobs.get(job.id)?.rows).toHaveLength(0);
  });
});
