import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSalesforce, SalesforceAuthError, type LeadFields, type SalesforceAuth, type SalesforceOptions } from '../../src/integrations/salesforce';
import { parseSoql, startFakeSalesforce, type FakeSalesforce } from '../fakes/salesforce';
import { rejection } from '../support/rejection';

let fake: FakeSalesforce;

beforeEach(async () => {
  fake = await startFakeSalesforce();
});

afterEach(() => fake.close());

function authOf(kind: SalesforceAuth['kind']): SalesforceAuth {
  if (kind === 'token') return { kind, accessToken: fake.accessToken };
  if (kind === 'refresh') return { kind, clientId: fake.clientId, clientSecret: fake.clientSecret, refreshToken: fake.refreshToken };
  return { kind, clientId: fake.clientId, clientSecret: fake.clientSecret };
}

function connect(kind: SalesforceAuth['kind'] = 'token', extra: Partial<SalesforceOptions> = {}) {
  return connectSalesforce({ instanceUrl: fake.url, loginUrl: fake.url, apiVersion: '62.0', auth: authOf(kind), ...extra });
}

const lead = (n: number, extra: Partial<LeadFields> = {}): LeadFields => ({ FirstName: `First${n}`, LastName: `Last${n}`, Email: `lead${n}@example.test`, Company: `Company ${n}`, ...extra });

/** The SOQL of every query subrequest sent, in order. */
function soqlSent(): string[] {
  return fake.requestsTo('POST /composite').flatMap((r) => (r.body as { compositeRequest: Array<{ url: string }> }).compositeRequest.map((s) => new URL(s.url, fake.url).searchParams.get('q')!));
}

describe('Salesforce adapter: authentication', () => {
  it('uses an access token against the instance, with the API version given', async () => {
    const sf = await connect('token');
    expect(await sf.findByEmail(['nobody@example.test'])).toEqual(new Map());
    expect(fake.requests.map((r) => `${r.method} ${r.path} v${r.version}`)).toEqual(['POST /composite v62.0']);
    expect(fake.requests[0]?.auth).toBe(`Bearer ${fake.accessToken.slice(0, 4)}****`);
  });

  it('exchanges a refresh token first, and hands the new access token to the caller', async () => {
    const tokens: string[] = [];
    const sf = await connect('refresh', { instanceUrl: undefined, onAccessToken: (t) => tokens.push(t) });
    await sf.findByEmail(['nobody@example.test']);
    const [grant] = fake.requestsTo('POST /services/oauth2/token');
    expect(grant?.body).toEqual({ grant_type: 'refresh_token', refresh_token: fake.refreshToken, client_id: fake.clientId, client_secret: fake.clientSecret });
    expect(tokens).toEqual([fake.issuedTokens[1]]);
    expect(fake.requests.at(-1)?.auth).toBe(`Bearer ${fake.issuedTokens[1]!.slice(0, 4)}****`);
  });

  it('gets a token with client credentials, and the token reply decides the instance', async () => {
    const sf = await connect('client-credentials', { instanceUrl: 'https://stale.example.invalid' });
    await sf.findByEmail(['nobody@example.test']);
    expect(fake.requestsTo('POST /services/oauth2/token')[0]?.body).toEqual({ grant_type: 'client_credentials', client_id: fake.clientId, client_secret: fake.clientSecret });
    expect(fake.requestsTo('POST /composite')).toHaveLength(1);
  });

  it('refreshes an expired session once, sends the request again and reports the new token', async () => {
    const tokens: string[] = [];
    const sf = await connect('refresh', { onAccessToken: (t) => tokens.push(t) });
    fake.addContact({ LastName: 'Known', Email: 'known@example.test' });
    fake.expireAccessTokens();
    const found = await sf.findByEmail(['known@example.test']);
    expect(found.get('known@example.test')?.type).toBe('Contact');
    expect(fake.requestsTo('POST /services/oauth2/token')).toHaveLength(2);
    expect(tokens).toEqual(fake.issuedTokens.slice(1));
    expect(fake.requestsTo('POST /composite')).toHaveLength(2);
  });

  it('asks for a new client-credentials token when the session expires', async () => {
    const sf = await connect('client-credentials');
    fake.expireAccessTokens();
    await sf.createLeads([lead(1)]);
    expect(fake.requestsTo('POST /services/oauth2/token').map((r) => (r.body as Record<string, string>).grant_type)).toEqual(['client_credentials', 'client_credentials']);
    expect(fake.withEmail('lead1@example.test')).toHaveLength(1);
  });

  it('gives up with an auth error when Salesforce rejects the new token too, after exactly one refresh', async () => {
    const sf = await connect('refresh');
    const expired = { status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' };
    fake.failNext('POST /composite/sobjects', expired, expired);
    const error = await rejection(sf.createLeads([lead(1)]), SalesforceAuthError);
    expect(error.message).toBe('Salesforce rejected the access token again right after issuing it (INVALID_SESSION_ID)');
    expect(error.exitCode).toBe(3);
    expect(fake.requestsTo('POST /services/oauth2/token')).toHaveLength(2);
    expect(fake.requestsTo('POST /composite/sobjects')).toHaveLength(2);
    expect(fake.withEmail('lead1@example.test')).toHaveLength(0);
  });

  it('cannot refresh a plain access token: an auth error that says how to connect', async () => {
    const sf = await connect('token');
    fake.expireAccessTokens();
    const error = await rejection(sf.findByEmail(['a@example.test']), SalesforceAuthError);
    expect(error.message).toBe(`Salesforce rejected the access token for ${fake.url} (INVALID_SESSION_ID): it expired or was revoked`);
    expect(error.hint).toContain('biz lead connect salesforce');
  });

  it('says a refresh token was refused (invalid_grant), without showing it', async () => {
    fake.revokeRefreshToken();
    const error = await rejection(connect('refresh'), SalesforceAuthError);
    expect(error.message).toBe(`Salesforce at ${fake.url} refused the refresh token (invalid_grant: expired access/refresh token)`);
    expect(error.hint).toContain('biz lead connect salesforce');
    expect(`${error.message} ${error.hint} ${error.stack}`).not.toContain(fake.refreshToken);
  });

  it('says which credential is missing, before loading jsforce or sending anything', async () => {
    const error = await rejection(connectSalesforce({ loginUrl: fake.url, apiVersion: '62.0', auth: { kind: 'client-credentials', clientId: 'id', clientSecret: '' } }), SalesforceAuthError);
    expect(error.message).toBe('No Salesforce client secret is configured');
    expect(error.hint).toContain('biz lead connect salesforce');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('Salesforce adapter: lookups', () => {
  it('finds Leads and Contacts by email, any case; a Contact wins; converted Leads are left out', async () => {
    const onlyLead = fake.addLead({ LastName: 'A', Company: 'X', Email: 'Lead.Only@Example.test' });
    const contact = fake.addContact({ LastName: 'B', Email: 'contact@example.test' });
    fake.addLead({ LastName: 'C', Company: 'X', Email: 'both@example.test' });
    const both = fake.addContact({ LastName: 'C', Email: 'both@example.test' });
    fake.addLead({ LastName: 'D', Company: 'X', Email: 'converted@example.test', IsConverted: true });
    const sf = await connect();
    const found = await sf.findByEmail(['lead.only@example.test', 'CONTACT@example.test', 'both@example.test', 'converted@example.test', 'missing@example.test', '']);
    expect(found).toEqual(
      new Map([
        ['lead.only@example.test', { id: onlyLead.Id, type: 'Lead', email: 'Lead.Only@Example.test' }],
        ['contact@example.test', { id: contact.Id, type: 'Contact', email: 'contact@example.test' }],
        ['both@example.test', { id: both.Id, type: 'Contact', email: 'both@example.test' }],
      ]),
    );
    expect(sf.apiCalls).toBe(1);
  });

  it('asks about at most 200 emails per SOQL and five SOQL per call', async () => {
    const emails = Array.from({ length: 1001 }, (_, n) => `person${n}@example.test`);
    fake.addContact({ LastName: 'Last', Email: 'person1000@example.test' });
    const sf = await connect();
    const found = await sf.findByEmail(emails);
    expect([...found.keys()]).toEqual(['person1000@example.test']);
    const soqls = soqlSent();
    expect(soqls).toHaveLength(12);
    for (const soql of soqls) expect(parseSoql(soql).conditions.find((c) => c.field === 'Email')!.values.length).toBeLessThanOrEqual(200);
    expect(new Set(soqls.flatMap((soql) => parseSoql(soql).conditions.find((c) => c.field === 'Email')!.values)).size).toBe(1001);
    expect(fake.requestsTo('POST /composite').map((r) => (r.body as { compositeRequest: unknown[] }).compositeRequest.length)).toEqual([5, 5, 2]);
    expect(sf.apiCalls).toBe(3);
  });

  it('follows nextRecordsUrl when a query has more rows than one page', async () => {
    await fake.close();
    fake = await startFakeSalesforce({ queryBatchSize: 40 });
    for (let n = 0; n < 100; n++) fake.addLead({ LastName: `L${n}`, Company: 'X', Email: `many${n}@example.test` });
    const sf = await connect();
    const found = await sf.findByEmail(Array.from({ length: 100 }, (_, n) => `many${n}@example.test`));
    expect(found.size).toBe(100);
    expect(fake.requestsTo('GET /query')).toHaveLength(2);
  });

  it('keeps quotes and backslashes inside SOQL literals', async () => {
    const odd = fake.addContact({ LastName: 'Quote', Email: "o'brien\\x@example.test" });
    const sf = await connect();
    expect((await sf.findByEmail(["O'Brien\\x@example.test"])).get("o'brien\\x@example.test")?.id).toBe(odd.Id);
  });

  it('finds a person by name at a company: a Contact through its Account, else an unconverted Lead', async () => {
    const contact = fake.addContact({ FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@acme.test', AccountName: 'Acme' });
    const leadAtOther = fake.addLead({ FirstName: 'Ada', LastName: 'Lovelace', Company: 'Other Co', Email: 'ada@other.test' });
    const noFirstName = fake.addLead({ LastName: 'Babbage', Company: 'Engines Ltd' });
    fake.addLead({ FirstName: 'Grace', LastName: 'Hopper', Company: 'Navy', IsConverted: true });
    const sf = await connect();
    expect(await sf.findByNameAndCompany('ada', 'LOVELACE', 'acme')).toEqual({ id: contact.Id, type: 'Contact', email: 'ada@acme.test' });
    expect(await sf.findByNameAndCompany('Ada', 'Lovelace', 'Other Co')).toEqual({ id: leadAtOther.Id, type: 'Lead', email: 'ada@other.test' });
    expect(await sf.findByNameAndCompany(undefined, 'Babbage', 'Engines Ltd')).toEqual({ id: noFirstName.Id, type: 'Lead', email: '' });
    expect(await sf.findByNameAndCompany(undefined, 'Lovelace', 'Acme')).toBeUndefined();
    expect(await sf.findByNameAndCompany('Grace', 'Hopper', 'Navy')).toBeUndefined();
    expect(sf.apiCalls).toBe(5);
  });

  it('reads back the Tasks of people', async () => {
    const person = fake.addLead({ LastName: 'T', Company: 'X', Email: 't@example.test' });
    const sf = await connect();
    const [created] = await sf.createTasks([{ WhoId: person.Id, Subject: 'Call', ActivityDate: '2025-03-01' }]);
    expect(await sf.findTasks([person.Id, person.Id])).toEqual([{ id: created!.id, whoId: person.Id, subject: 'Call', activityDate: '2025-03-01' }]);
  });
});

describe('Salesforce adapter: writes through sObject Collections', () => {
  it('creates 450 Leads in three calls of at most 200, all or none off, outcomes in input order', async () => {
    const sf = await connect();
    const records = Array.from({ length: 450 }, (_, n) => lead(n));
    const outcomes = await sf.createLeads(records);
    const calls = fake.requestsTo('POST /composite/sobjects').map((r) => r.body as { allOrNone: boolean; records: Array<{ attributes: { type: string }; Email: string }> });
    expect(calls.map((c) => c.records.length)).toEqual([200, 200, 50]);
    expect(calls.every((c) => c.allOrNone === false && c.records.every((r) => r.attributes.type === 'Lead'))).toBe(true);
    expect(outcomes).toHaveLength(450);
    outcomes.forEach((outcome, n) => {
      expect(outcome).toEqual({ ok: true, id: expect.any(String), created: true, errors: [] });
      expect(fake.records.Lead.get(outcome.id!)?.Email).toBe(`lead${n}@example.test`);
    });
    expect(sf.apiCalls).toBe(3);
  });

  it('reports each refused record on its own: a duplicate names the existing record', async () => {
    const existing = fake.addContact({ LastName: 'Dup', Email: 'dup@example.test' });
    const sf = await connect();
    const [fine, duplicate, invalid, incomplete] = await sf.createLeads([lead(1), lead(2, { Email: 'DUP@example.test' }), lead(3, { Email: 'not-an-email' }), lead(4, { Company: '' })]);
    expect(fine?.ok).toBe(true);
    expect(duplicate).toEqual({ ok: false, errors: [{ code: 'DUPLICATES_DETECTED', message: 'Use one of these records?', fields: [] }], duplicateOf: existing.Id });
    expect(invalid).toEqual({ ok: false, errors: [{ code: 'INVALID_EMAIL_ADDRESS', message: 'Email: invalid email address: not-an-email', fields: ['Email'] }] });
    expect(incomplete?.errors).toEqual([{ code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company]', fields: ['Company'] }]);
    expect(fake.records.Lead.size).toBe(1);
  });

  it('names a matching Contact before a matching Lead as the duplicate', async () => {
    fake.addLead({ LastName: 'Old', Company: 'X', Email: 'twice@example.test' });
    const contact = fake.addContact({ LastName: 'Old', Email: 'twice@example.test' });
    const sf = await connect();
    const [outcome] = await sf.createLeads([lead(1, { Email: 'twice@example.test' })]);
    expect(outcome?.duplicateOf).toBe(contact.Id);
  });

  it('updates Leads and Contacts in one call, leaving Company out for Contacts', async () => {
    const existingLead = fake.addLead({ LastName: 'L', Company: 'Old Co', Email: 'l@example.test' });
    const contact = fake.addContact({ LastName: 'C', Email: 'c@example.test' });
    const sf = await connect();
    const outcomes = await sf.updatePeople([
      { ref: { id: existingLead.Id, type: 'Lead', email: 'l@example.test' }, fields: { Company: 'New Co', Title: 'CTO' } },
      { ref: { id: contact.Id, type: 'Contact', email: 'c@example.test' }, fields: { Company: 'Ignored', Title: 'CEO' } },
      { ref: { id: '00QFK9999999999AAA', type: 'Lead', email: 'gone@example.test' }, fields: { Title: 'x' } },
    ]);
    expect(outcomes.map((o) => [o.ok, o.created, o.errors[0]?.code])).toEqual([
      [true, false, undefined],
      [true, false, undefined],
      [false, undefined, 'INVALID_CROSS_REFERENCE_KEY'],
    ]);
    expect(fake.records.Lead.get(existingLead.Id)).toMatchObject({ Company: 'New Co', Title: 'CTO' });
    expect(fake.records.Contact.get(contact.Id)).toMatchObject({ Title: 'CEO' });
    expect(fake.records.Contact.get(contact.Id)).not.toHaveProperty('Company');
    expect(sf.apiCalls).toBe(1);
  });

  it('creates Tasks, each outcome on its own', async () => {
    const person = fake.addLead({ LastName: 'P', Company: 'X', Email: 'p@example.test' });
    const sf = await connect();
    const outcomes = await sf.createTasks([
      { WhoId: person.Id, Subject: 'Follow up', ActivityDate: '2025-01-15', Status: 'Not Started', Priority: 'Normal' },
      { WhoId: '00QFK9999999999AAA', Subject: 'Nobody', ActivityDate: '2025-01-15' },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: true, created: true });
    expect(outcomes[1]?.errors).toEqual([{ code: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: ['WhoId'] }]);
    expect(fake.records.Task.get(outcomes[0]!.id!)).toMatchObject({ WhoId: person.Id, Subject: 'Follow up', ActivityDate: '2025-01-15' });
  });

  it('sends nothing for nothing', async () => {
    const sf = await connect();
    expect(await sf.createLeads([])).toEqual([]);
    expect(await sf.findByEmail([])).toEqual(new Map());
    expect(sf.apiCalls).toBe(0);
  });
});
