import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  connectSalesforce,
  SalesforceAuthError,
  SalesforceLimitError,
  SalesforceRequestError,
  type LeadFields,
  type SalesforceAuth,
  type SalesforceOptions,
} from '../../src/integrations/salesforce';
import { startFakeSalesforce, type FakeSalesforce } from '../fakes/salesforce';
import { rejection } from '../support/rejection';

let fake: FakeSalesforce;

beforeEach(async () => {
  fake = await startFakeSalesforce();
});

afterEach(() => fake.close());

function connect(auth?: SalesforceAuth, extra: Partial<SalesforceOptions> = {}) {
  return connectSalesforce({ instanceUrl: fake.url, loginUrl: fake.url, apiVersion: '62.0', auth: auth ?? { kind: 'token', accessToken: fake.accessToken }, ...extra });
}

const lead = (n: number): LeadFields => ({ LastName: `Last${n}`, Email: `fault${n}@example.test`, Company: 'Acme' });
const leads = (count: number): LeadFields[] => Array.from({ length: count }, (_, n) => lead(n));

describe('Salesforce adapter: limits and lost replies', () => {
  it('stops at REQUEST_LIMIT_EXCEEDED with a limit error; what was written before stays written', async () => {
    const sf = await connect();
    fake.setApiLimit(fake.apiCalls + 1);
    const error = await rejection(sf.createLeads(leads(450)), SalesforceLimitError);
    expect(error.message).toBe("Salesforce refused to create Leads 201-400 of 450: the org's API request limit is used up (REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.)");
    expect(error.hint).toContain('run again later');
    expect(error.exitCode).toBe(1);
    expect(fake.records.Lead.size).toBe(200);
  });

  it('says a write whose reply was lost may have landed; the record is there to be found before a retry', async () => {
    const sf = await connect();
    fake.failNext('POST /composite/sobjects', 'drop-after-write');
    const error = await rejection(sf.createLeads([lead(1), lead(2)]), SalesforceRequestError);
    expect(error.message).toBe('The connection to Salesforce broke during create Leads 1-2 of 2 (ECONNRESET)');
    expect(error.ambiguous).toBe(true);
    expect(error.status).toBeUndefined();
    expect(error.hint).toContain('look the records up');
    expect(fake.requestsTo('POST /composite/sobjects')).toHaveLength(1);
    const found = await sf.findByEmail(['fault1@example.test', 'fault2@example.test']);
    expect([...found.values()].map((p) => p.type)).toEqual(['Lead', 'Lead']);
    expect(fake.withEmail('fault1@example.test')).toHaveLength(1);
  });

  it('gives up on a request that never answers: ambiguous for a write, not for a read', async () => {
    const sf = await connect(undefined, { timeoutMs: 200 });
    fake.failNext('PATCH /composite/sobjects', 'hang');
    const person = fake.addLead(lead(1));
    const write = await rejection(sf.updatePeople([{ ref: { id: person.Id, type: 'Lead', email: 'fault1@example.test' }, fields: { Title: 'CTO' } }]), SalesforceRequestError);
    expect(write.message).toBe('Salesforce gave no answer within 0.2 s to update Leads and Contacts 1-1 of 1');
    expect(write.ambiguous).toBe(true);

    fake.failNext('POST /composite', 'hang');
    const read = await rejection(sf.findByEmail(['fault1@example.test']), SalesforceRequestError);
    expect(read.message).toBe('Salesforce gave no answer within 0.2 s to look up 1 email');
    expect(read.ambiguous).toBe(false);
    expect(fake.requests.filter((r) => r.path === '/composite')).toHaveLength(1);
  });

  it('takes a 5xx to a write as ambiguous and a 4xx as surely not written; nothing is retried', async () => {
    const sf = await connect();
    fake.failNext('POST /composite/sobjects', 500);
    const server = await rejection(sf.createLeads([lead(1)]), SalesforceRequestError);
    expect(server).toMatchObject({ ambiguous: true, status: 500 });
    expect(server.message).toBe(
      'Salesforce could not create Leads 1-1 of 1: UNKNOWN_EXCEPTION: An unexpected error occurred. Please include this ErrorId if you contact support: 1234567-8901 (-1) (HTTP 500)',
    );

    fake.failNext('POST /composite/sobjects', { status: 400, errorCode: 'JSON_PARSER_ERROR', message: 'Unexpected character' });
    expect(await rejection(sf.createLeads([lead(1)]), SalesforceRequestError)).toMatchObject({ ambiguous: false, status: 400 });

    fake.failNext('POST /composite', 503);
    expect(await rejection(sf.findByEmail(['a@example.test']), SalesforceRequestError)).toMatchObject({ ambiguous: false, status: 503 });
    expect(fake.requestsTo('POST /composite/sobjects')).toHaveLength(2);
    expect(fake.requests.filter((r) => r.path === '/composite')).toHaveLength(1);
  });

  it('says nothing was written when Salesforce cannot be reached at all', async () => {
    const sf = await connect();
    const url = fake.url;
    await fake.close();
    const error = await rejection(sf.createLeads([lead(1)]), SalesforceRequestError);
    expect(error.message).toBe(`Could not reach Salesforce at ${url} to create Leads 1-1 of 1 (ECONNREFUSED)`);
    expect(error.ambiguous).toBe(false);
    fake = await startFakeSalesforce();
  });

  it('refuses more than 200 records per collection call like Salesforce (so the adapter never sends them)', async () => {
    const response = await fetch(`${fake.url}/services/data/v62.0/composite/sobjects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ allOrNone: false, records: Array.from({ length: 201 }, (_, n) => ({ attributes: { type: 'Lead' }, ...lead(n) })) }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([{ message: 'record limit reached. cannot submit more than 200 records into this call', errorCode: 'EXCEEDED_ID_LIMIT', fields: [] }]);
  });

  it('counts every API request it sends, as Salesforce does', async () => {
    const sf = await connect({ kind: 'refresh', clientId: fake.clientId, refreshToken: fake.refreshToken });
    await sf.createLeads(leads(250));
    await sf.findByEmail(leads(250).map((l) => l.Email));
    fake.expireAccessTokens();
    await sf.createTasks([{ WhoId: [...fake.records.Lead.keys()][0]!, Subject: 'Call', ActivityDate: '2025-02-01' }]);
    await sf.bulkCreateLeads([lead(900)], { pollIntervalMs: 1, onJob: () => undefined });
    expect(sf.apiCalls).toBe(fake.apiCalls);
    expect(sf.apiCalls).toBe(2 + 1 + 2 + 6);
  });
});

describe('Salesforce adapter: secrets never appear in errors', () => {
  it('keeps tokens, the refresh token and the client secret out of every message, hint and stack', async () => {
    const errors: Error[] = [];
    const catchIt = async (promise: Promise<unknown>) => errors.push(await promise.then(() => new Error('no failure'), (e: unknown) => e as Error));
    const refresh: SalesforceAuth = { kind: 'refresh', clientId: fake.clientId, clientSecret: fake.clientSecret, refreshToken: fake.refreshToken };
    const sf = await connect(refresh, { timeoutMs: 200 });

    fake.failNext('POST /composite/sobjects', { status: 401, errorCode: 'INVALID_SESSION_ID' }, { status: 401, errorCode: 'INVALID_SESSION_ID' });
    await catchIt(sf.createLeads([lead(1)]));
    fake.failNext('POST /composite', 'hang');
    await catchIt(sf.findByEmail(['x@example.test']));
    fake.failNext('POST /composite/sobjects', { status: 400, errorCode: 'INVALID_FIELD', message: `bad token ${fake.issuedTokens.at(-1)}` });
    await catchIt(sf.createLeads([lead(2)]));
    fake.setApiLimit(0);
    await catchIt(sf.findByEmail(['x@example.test']));
    fake.setApiLimit(undefined);
    fake.failNext('POST /services/oauth2/token', 503);
    fake.expireAccessTokens();
    await catchIt(sf.findByEmail(['x@example.test']));
    await catchIt(connect({ kind: 'client-credentials', clientId: fake.clientId, clientSecret: `${fake.clientSecret}-wrong` }));
    fake.revokeRefreshToken();
    await catchIt(connect(refresh));

    expect(errors.map((e) => e.constructor.name)).toEqual([
      'SalesforceAuthError',
      'SalesforceRequestError',
      'SalesforceRequestError',
      'SalesforceLimitError',
      'SalesforceRequestError',
      'SalesforceAuthError',
      'SalesforceAuthError',
    ]);
    const secrets = [fake.refreshToken, fake.clientSecret, ...fake.issuedTokens];
    for (const error of errors) {
      const shown = `${error.message}\n${(error as SalesforceAuthError).hint}\n${error.stack}`;
      for (const secret of secrets) expect(shown).not.toContain(secret);
    }
    expect(errors[2]?.message).toContain('bad token ****');
    expect(errors[4]?.message).toBe(`Salesforce's token endpoint at ${fake.url} failed (HTTP 503)`);
  });
});
