/**
 * A loopback fake of Salesforce as jsforce speaks to it (FACTS.md): the OAuth token endpoint (refresh_token and
 * client_credentials grants), the REST API under /services/data/vXX.X (query with paging, composite with query
 * subrequests, sObject Collections, single sObject creates) and Bulk API 2.0 ingest jobs. Errors are Salesforce's
 * arrays `[{message, errorCode, fields}]`; OAuth errors are `{error, error_description}`.
 *
 * Behaviours: a duplicate rule on Lead email (an unconverted Lead or a Contact with the same email, any case, existing
 * before the request), reported with `duplicateResult` as Salesforce does; REQUEST_LIMIT_EXCEEDED once more API calls
 * than the limit were made; access tokens that can be expired (401 INVALID_SESSION_ID until a new one is issued);
 * faults queued per method and path. Bulk jobs finish after a set number of looks, and their results come back in
 * reverse order, since Salesforce does not keep the upload's order. Every request is recorded with its token masked.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseCsv } from 'csv-parse/sync';
import { maskToken, matchesRoute, readBody, takeFirstMatch } from './http';

export type SalesforceFault =
  | 500 // UNKNOWN_EXCEPTION
  | 503 // SERVER_UNAVAILABLE
  | { status: number; errorCode: string; message?: string }
  | 'hang' // never answers
  | 'drop-after-write'; // handles the request (a write lands), then destroys the socket without answering

export interface RecordedRequest {
  method: string;
  /** Without /services/data/vXX.X for API requests (`/composite/sobjects`); other paths whole (`/services/oauth2/token`). */
  path: string;
  /** The API version of an API request, e.g. '62.0'. */
  version?: string;
  query: Record<string, string>;
  /** JSON and form bodies parsed; CSV as text. */
  body?: unknown;
  /** `Bearer 00DF****`; undefined when no token was sent. */
  auth?: string;
}

export type SObjectType = 'Lead' | 'Contact' | 'Task';
export type FakeRecord = { Id: string } & Record<string, unknown>;
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export interface FakeJob {
  id: string;
  object: string;
  operation: string;
  state: JobState;
  columns: string[];
  rows: Array<Record<string, string>>;
  /** PUT requests with data, the empty ones included. */
  uploads: number;
  /** Looks (GET) since the job was closed. */
  checks: number;
  deleted: boolean;
  errorMessage?: string;
  /** Per row, once processed: the new record's id or the error. */
  results: Array<{ row: Record<string, string>; id?: string; error?: string }>;
}

export interface FakeSalesforce {
  /** Instance and login URL alike. */
  url: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Valid at start; the token endpoint issues more. */
  accessToken: string;
  /** Every access token issued, the first included. */
  issuedTokens: string[];
  requests: RecordedRequest[];
  /** Requests under /services/data, whatever their answer. */
  readonly apiCalls: number;
  records: Record<SObjectType, Map<string, FakeRecord>>;
  jobs: Map<string, FakeJob>;
  addLead(fields: Record<string, unknown>): FakeRecord;
  /** `AccountName` becomes the Contact's Account.Name. */
  addContact(fields: Record<string, unknown> & { AccountName?: string }): FakeRecord;
  /** Leads (converted or not) and Contacts whose Email is this one, any case. */
  withEmail(email: string): FakeRecord[];
  /** Every access token issued so far stops working (401 INVALID_SESSION_ID). */
  expireAccessTokens(): void;
  /** The refresh token stops working (invalid_grant). */
  revokeRefreshToken(): void;
  /** REQUEST_LIMIT_EXCEEDED for every API call after the `limit`-th; undefined lifts it. */
  setApiLimit(limit: number | undefined): void;
  /** Queue faults for the next requests matching `[METHOD ]/path/prefix` (as recorded), one each. */
  failNext(match: string, ...faults: SalesforceFault[]): void;
  /** The next bulk job to finish fails with this message, processing no row. */
  failNextJob(errorMessage: string): void;
  requestsTo(match: string): RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeSalesforceOptions {
  apiLimit?: number;
  /** Looks at a closed job until it is JobComplete (default 2: InProgress, then JobComplete). */
  checksUntilComplete?: number;
  /** Records per query page (Salesforce: 2000). */
  queryBatchSize?: number;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface SfError {
  statusCode: string;
  message: string;
  fields: string[];
  duplicateResult?: unknown;
}

interface Soql {
  fields: string[];
  object: string;
  conditions: Array<{ field: string; values: Array<string | boolean | null> }>;
  limit?: number;
}

const ORG_ID = '00DFK0000000001AAA';
const USER_ID = '005FK0000000001AAA';
const PREFIX: Record<SObjectType | 'Job', string> = { Lead: '00Q', Contact: '003', Task: '00T', Job: '750' };
const REQUIRED: Record<SObjectType, string[]> = { Lead: ['LastName', 'Company'], Contact: ['LastName'], Task: [] };
/** Fields a type does not have; sending one fails the whole request, as in Salesforce. */
const NOT_A_FIELD: Record<SObjectType, string[]> = { Lead: ['AccountId'], Contact: ['Company'], Task: [] };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COLLECTION_LIMIT = 200;
const COMPOSITE_LIMIT = 25;
const COMPOSITE_QUERY_LIMIT = 5;

export async function startFakeSalesforce(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const checksUntilComplete = options.checksUntilComplete ?? 2;
  const queryBatchSize = options.queryBatchSize ?? 2000;
  const records: Record<SObjectType, Map<string, FakeRecord>> = { Lead: new Map(), Contact: new Map(), Task: new Map() };
  const byEmail: Record<'Lead' | 'Contact', Map<string, Set<string>>> = { Lead: new Map(), Contact: new Map() };
  const jobs = new Map<string, FakeJob>();
  const cursors = new Map<string, { rows: unknown[] }>();
  const requests: RecordedRequest[] = [];
  const faults: { match: string; fault: SalesforceFault }[] = [];
  const validTokens = new Set<string>();
  const issuedTokens: string[] = [];
  const jobFailures: string[] = [];
  let apiLimit = options.apiLimit;
  let apiCalls = 0;
  let refreshRevoked = false;
  let counter = 0;
  let baseUrl = '';

  const newId = (prefix: string): string => `${prefix}FK${String(++counter).padStart(10, '0')}AAA`;
  const issueToken = (): string => {
    const token = `${ORG_ID.slice(0, 15)}!AR${randomBytes(24).toString('base64url')}`;
    validTokens.add(token);
    issuedTokens.push(token);
    return token;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: `fake: ${String(error)}` }] }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const api = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname);
    const path = api ? (api[2] ?? '/').replace(/\/$/, '') || '/' : url.pathname;
    const body = parseBody(await readBody(req), req.headers['content-type'] ?? '');
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    requests.push({ method, path, version: api?.[1], query: Object.fromEntries(url.searchParams), body, auth: token && `Bearer ${maskToken(token)}` });
    if (api) apiCalls++;

    const fault = takeFirstMatch(faults, method, path)?.fault;
    if (fault === 'hang') return;
    if (fault !== undefined && fault !== 'drop-after-write') return send(res, faultReply(fault));
    let reply: Reply;
    if (!api) reply = method === 'POST' && path === '/services/oauth2/token' ? tokenGrant(body as Record<string, string>) : notFound();
    else if (!token || !validTokens.has(token)) reply = { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };
    else if (apiLimit !== undefined && apiCalls > apiLimit) reply = { status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] };
    else reply = { ...route(method, path, api[1]!, url, body), headers: { 'sforce-limit-info': `api-usage=${apiCalls}/${apiLimit ?? 15000}` } };
    if (fault === 'drop-after-write') {
      req.socket.destroy();
      return;
    }
    send(res, reply);
  }

  function tokenGrant(form: Record<string, string>): Reply {
    const refuse = (error: string, description: string): Reply => ({ status: 400, body: { error, error_description: description } });
    if (form.client_id !== fake.clientId) return refuse('invalid_client_id', 'client identifier invalid');
    if (form.grant_type === 'refresh_token') {
      if (form.client_secret !== undefined && form.client_secret !== fake.clientSecret) return refuse('invalid_client', 'invalid client credentials');
      if (refreshRevoked || form.refresh_token !== fake.refreshToken) return refuse('invalid_grant', 'expired access/refresh token');
    } else if (form.grant_type === 'client_credentials') {
      if (form.client_secret !== fake.clientSecret) return refuse('invalid_client', 'invalid client credentials');
    } else return refuse('unsupported_grant_type', 'grant type not supported');
    return {
      status: 200,
      body: {
        access_token: issueToken(),
        signature: randomBytes(32).toString('base64'),
        scope: 'api refresh_token',
        instance_url: baseUrl,
        id: `${baseUrl}/id/${ORG_ID}/${USER_ID}`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      },
    };
  }

  function route(method: string, path: string, version: string, url: URL, body: unknown): Reply {
    const [root, second, third, fourth] = path.split('/').slice(1);
    if (root === 'query' && method === 'GET') return second ? nextPage(second, version) : query(url.searchParams.get('q') ?? '', version);
    if (root === 'composite' && !second && method === 'POST') return composite(body as Record<string, unknown>);
    if (root === 'composite' && second === 'sobjects' && !third && (method === 'POST' || method === 'PATCH')) return collection(method, body as Record<string, unknown>, version);
    if (root === 'sobjects' && second && !third && method === 'POST') return createOne(second, body as Record<string, unknown>, version);
    if (root === 'jobs' && second === 'ingest') return ingest(method, third, fourth, body, version);
    return notFound();
  }

  // ---- query ----

  function query(text: string, version: string): Reply {
    let soql: Soql;
    try {
      soql = parseSoql(text);
    } catch (error) {
      return { status: 400, body: [{ message: (error as Error).message, errorCode: 'MALFORMED_QUERY' }] };
    }
    const type = soql.object as SObjectType;
    if (!records[type]) return { status: 400, body: [{ message: `sObject type '${soql.object}' is not supported.`, errorCode: 'INVALID_TYPE' }] };
    const tests = soql.conditions.map(condition);
    const rows = candidates(type, soql)
      .filter((record) => tests.every((test) => test(record)))
      .slice(0, soql.limit)
      .map((record) => ({ attributes: { type, url: `/services/data/v${version}/sobjects/${type}/${record.Id}` }, ...Object.fromEntries(soql.fields.map((f) => [f, record[f] ?? null])) }));
    const cursor = `01gFK${String(++counter).padStart(13, '0')}`;
    cursors.set(cursor, { rows });
    return page(cursor, 0, version);
  }

  function candidates(type: SObjectType, soql: Soql): FakeRecord[] {
    const email = soql.conditions.find((c) => c.field === 'Email');
    if (!email || type === 'Task') return [...records[type].values()];
    const ids = new Set(email.values.flatMap((v) => (typeof v === 'string' ? [...(byEmail[type].get(v.toLowerCase()) ?? [])] : [])));
    return [...ids].map((id) => records[type].get(id)!);
  }

  function page(cursor: string, offset: number, version: string): Reply {
    const { rows } = cursors.get(cursor)!;
    const done = offset + queryBatchSize >= rows.length;
    return {
      status: 200,
      body: {
        totalSize: rows.length,
        done,
        ...(!done && { nextRecordsUrl: `/services/data/v${version}/query/${cursor}-${offset + queryBatchSize}` }),
        records: rows.slice(offset, offset + queryBatchSize),
      },
    };
  }

  function nextPage(locator: string, version: string): Reply {
    const [cursor, offset] = locator.split('-');
    if (!cursor || !cursors.has(cursor)) return { status: 400, body: [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }] };
    return page(cursor, Number(offset), version);
  }

  function composite(body: Record<string, unknown>): Reply {
    const subrequests = Array.isArray(body.compositeRequest) ? (body.compositeRequest as Array<Record<string, string>>) : [];
    const queries = subrequests.filter((s) => /\/query(All)?\b/.test(s.url ?? ''));
    if (subrequests.length === 0 || subrequests.length > COMPOSITE_LIMIT || queries.length > COMPOSITE_QUERY_LIMIT) {
      return { status: 400, body: [{ message: `a composite request takes 1 to ${COMPOSITE_LIMIT} subrequests, at most ${COMPOSITE_QUERY_LIMIT} of them queries`, errorCode: 'INVALID_INPUT' }] };
    }
    const compositeResponse = subrequests.map((sub) => {
      const url = new URL(sub.url ?? '', 'http://fake');
      const api = /^\/services\/data\/v(\d+\.\d)\/query$/.exec(url.pathname);
      const answer = sub.method === 'GET' && api ? query(url.searchParams.get('q') ?? '', api[1]!) : { status: 400, body: [{ message: 'the fake runs only GET query subrequests', errorCode: 'NOT_SUPPORTED' }] };
      return { body: answer.body, httpHeaders: {}, httpStatusCode: answer.status, referenceId: sub.referenceId };
    });
    return { status: 200, body: { compositeResponse } };
  }

  // ---- records ----

  function collection(method: 'POST' | 'PATCH', body: Record<string, unknown>, version: string): Reply {
    const list = Array.isArray(body.records) ? (body.records as Array<Record<string, unknown>>) : undefined;
    if (!list) return { status: 400, body: [{ message: 'records is required', errorCode: 'INVALID_FIELD', fields: ['records'] }] };
    if (list.length > COLLECTION_LIMIT) return { status: 400, body: [{ message: 'record limit reached. cannot submit more than 200 records into this call', errorCode: 'EXCEEDED_ID_LIMIT', fields: [] }] };
    const typed = list.map((record) => {
      const { attributes, id, ...fields } = record as { attributes?: { type?: string }; id?: string };
      return { type: attributes?.type as SObjectType, id, fields: fields as Record<string, unknown> };
    });
    const bad = typed.find((r) => !records[r.type]) ?? typed.find((r) => NOT_A_FIELD[r.type].some((f) => f in r.fields));
    if (bad) {
      const field = records[bad.type] ? NOT_A_FIELD[bad.type].find((f) => f in bad.fields) : undefined;
      const message = field ? `No such column '${field}' on sobject of type ${bad.type}` : `sObject type '${String(bad.type)}' is not supported.`;
      return { status: 400, body: [{ message, errorCode: field ? 'INVALID_FIELD' : 'INVALID_TYPE', fields: [] }] };
    }
    if (method === 'PATCH') return { status: 200, body: typed.map((r) => update(r.type, r.id, r.fields)) };
    const duplicates = typed.map((r) => duplicateOf(r.type, r.fields, version));
    return {
      status: 200,
      body: typed.map((r, n) => {
        const errors = [...validate(r.type, r.fields), ...(duplicates[n] ? [duplicates[n]] : [])];
        return errors.length > 0 ? { success: false, errors } : { id: insert(r.type, r.fields).Id, success: true, errors: [] };
      }),
    };
  }

  function createOne(type: string, fields: Record<string, unknown>, version: string): Reply {
    const sobject = type as SObjectType;
    if (!records[sobject]) return { status: 404, body: [{ message: `The requested resource does not exist`, errorCode: 'NOT_FOUND' }] };
    const errors = [...validate(sobject, fields), ...[duplicateOf(sobject, fields, version)].filter((e) => e !== undefined)];
    if (errors.length > 0) return { status: 400, body: errors.map(({ statusCode, ...rest }) => ({ ...rest, errorCode: statusCode })) };
    return { status: 201, body: { id: insert(sobject, fields).Id, success: true, errors: [] } };
  }

  function update(type: SObjectType, id: string | undefined, fields: Record<string, unknown>): unknown {
    const record = id ? records[type].get(id) : undefined;
    if (!record) return { id, success: false, errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] }] };
    const invalid = validate(type, { ...record, ...fields });
    if (invalid.length > 0) return { id, success: false, errors: invalid };
    unindex(type, record);
    Object.assign(record, fields);
    index(type, record);
    return { id, success: true, errors: [] };
  }

  function validate(type: SObjectType, fields: Record<string, unknown>): SfError[] {
    const errors: SfError[] = [];
    const missing = REQUIRED[type].filter((f) => fields[f] === undefined || fields[f] === null || fields[f] === '');
    if (missing.length > 0) errors.push({ statusCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${missing.join(', ')}]`, fields: missing });
    if (typeof fields.Email === 'string' && fields.Email !== '' && !EMAIL.test(fields.Email)) {
      errors.push({ statusCode: 'INVALID_EMAIL_ADDRESS', message: `Email: invalid email address: ${fields.Email}`, fields: ['Email'] });
    }
    const who = fields.WhoId;
    if (type === 'Task' && who !== undefined && !records.Lead.has(String(who)) && !records.Contact.has(String(who))) {
      errors.push({ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: ['WhoId'] });
    }
    return errors;
  }

  /** The duplicate rule on Lead email, against records that existed before this request. */
  function duplicateOf(type: SObjectType, fields: Record<string, unknown>, version: string): SfError | undefined {
    if (type !== 'Lead' || typeof fields.Email !== 'string' || !fields.Email) return undefined;
    const key = fields.Email.toLowerCase();
    const matchResults = (['Contact', 'Lead'] as const)
      .map((entityType) => ({ entityType, ids: [...(byEmail[entityType].get(key) ?? [])].filter((id) => records[entityType].get(id)?.IsConverted !== true) }))
      .filter((m) => m.ids.length > 0)
      .map(({ entityType, ids }) => ({
        entityType,
        errors: [],
        matchEngine: 'ExactMatchEngine',
        matchRecords: ids.map((id) => ({ additionalInformation: [], fieldDiffs: [], matchConfidence: 100, record: { attributes: { type: entityType, url: `/services/data/v${version}/sobjects/${entityType}/${id}` }, Id: id } })),
        rule: entityType === 'Lead' ? 'Standard_Lead_Match_Rule_v1_0' : 'Standard_Contact_Match_Rule_v1_1',
        size: ids.length,
        success: true,
      }));
    if (matchResults.length === 0) return undefined;
    return {
      statusCode: 'DUPLICATES_DETECTED',
      message: 'Use one of these records?',
      fields: [],
      duplicateResult: {
        allowSave: false,
        duplicateRule: 'Standard_Lead_Duplicate_Rule',
        duplicateRuleEntityType: 'Lead',
        errorMessage: "You're creating a duplicate record. We recommend you use an existing record instead.",
        matchResults,
      },
    };
  }

  function insert(type: SObjectType, fields: Record<string, unknown>): FakeRecord {
    const record: FakeRecord = { ...(type === 'Lead' && { IsConverted: false }), ...fields, Id: newId(PREFIX[type]) };
    records[type].set(record.Id, record);
    index(type, record);
    return record;
  }

  function index(type: SObjectType, record: FakeRecord): void {
    if (type === 'Task' || typeof record.Email !== 'string' || !record.Email) return;
    const key = record.Email.toLowerCase();
    byEmail[type].set(key, (byEmail[type].get(key) ?? new Set()).add(record.Id));
  }

  function unindex(type: SObjectType, record: FakeRecord): void {
    if (type !== 'Task' && typeof record.Email === 'string') byEmail[type].get(record.Email.toLowerCase())?.delete(record.Id);
  }

  // ---- Bulk API 2.0 ----

  function ingest(method: string, id: string | undefined, part: string | undefined, body: unknown, version: string): Reply {
    if (!id) return method === 'POST' ? createJob(body as Record<string, unknown>, version) : notFound();
    const job = jobs.get(id);
    if (!job || job.deleted) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
    if (method === 'PUT' && part === 'batches') return upload(job, typeof body === 'string' ? body : '');
    if (part && method === 'GET') return resultsOf(job, part);
    if (part) return notFound();
    if (method === 'GET') return { status: 200, body: jobInfo(check(job), version) };
    if (method === 'PATCH') return changeState(job, (body as Record<string, unknown>)?.state, version);
    if (method === 'DELETE') {
      job.deleted = true;
      return { status: 204 };
    }
    return notFound();
  }

  function createJob(body: Record<string, unknown>, version: string): Reply {
    if (body?.object !== 'Lead' || body.operation !== 'insert') return { status: 400, body: [{ errorCode: 'NOT_SUPPORTED', message: 'the fake runs only Lead insert jobs' }] };
    const job: FakeJob = { id: newId(PREFIX.Job), object: 'Lead', operation: 'insert', state: 'Open', columns: [], rows: [], uploads: 0, checks: 0, deleted: false, results: [] };
    jobs.set(job.id, job);
    return { status: 200, body: jobInfo(job, version) };
  }

  function upload(job: FakeJob, csv: string): Reply {
    if (job.state !== 'Open') return { status: 409, body: [{ errorCode: 'INVALIDJOBSTATE', message: `Job ${job.id} is not open for data upload` }] };
    job.uploads++;
    if (csv.trim()) {
      const rows = parseCsv(csv, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
      if (job.columns.length === 0) job.columns = Object.keys(rows[0] ?? {});
      job.rows.push(...rows);
    }
    return { status: 201 };
  }

  function changeState(job: FakeJob, state: unknown, version: string): Reply {
    const allowed = state === 'UploadComplete' ? job.state === 'Open' : state === 'Aborted' && ['Open', 'UploadComplete', 'InProgress'].includes(job.state);
    if (!allowed) return { status: 400, body: [{ errorCode: 'INVALIDJOBSTATE', message: `Cannot change the state of job ${job.id} from ${job.state} to ${String(state)}` }] };
    job.state = state as JobState;
    return { status: 200, body: jobInfo(job, version) };
  }

  function check(job: FakeJob): FakeJob {
    if (job.state !== 'UploadComplete' && job.state !== 'InProgress') return job;
    job.checks++;
    if (job.checks < checksUntilComplete) job.state = 'InProgress';
    else processJob(job);
    return job;
  }

  function processJob(job: FakeJob): void {
    const failure = jobFailures.shift();
    if (failure !== undefined) {
      job.state = 'Failed';
      job.errorMessage = failure;
      return;
    }
    const typed = job.rows.map((row) => ({ row, fields: Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')) }));
    const duplicates = typed.map(({ fields }) => duplicateOf('Lead', fields, '62.0'));
    job.results = typed.map(({ row, fields }, n) => {
      const error = [...validate('Lead', fields), ...(duplicates[n] ? [duplicates[n]] : [])][0];
      return error ? { row, error: `${error.statusCode}:${error.message}:${error.fields.join(',')} --` } : { row, id: insert('Lead', fields).Id };
    });
    job.state = 'JobComplete';
  }

  function resultsOf(job: FakeJob, part: string): Reply {
    const csv = (header: string[], rows: string[][]): Reply => ({
      status: 200,
      body: [header, ...rows].map((values) => values.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n',
      headers: { 'content-type': 'text/csv' },
    });
    const values = (row: Record<string, string>): string[] => job.columns.map((c) => row[c] ?? '');
    const reported = job.results.toReversed();
    if (part === 'successfulResults') return csv(['sf__Id', 'sf__Created', ...job.columns], reported.filter((r) => r.id).map((r) => [r.id!, 'true', ...values(r.row)]));
    if (part === 'failedResults') return csv(['sf__Id', 'sf__Error', ...job.columns], reported.filter((r) => r.error).map((r) => ['', r.error!, ...values(r.row)]));
    if (part === 'unprocessedrecords') return csv(job.columns, job.rows.slice(job.results.length).toReversed().map(values));
    return notFound();
  }

  function jobInfo(job: FakeJob, version: string): Record<string, unknown> {
    return {
      id: job.id,
      operation: job.operation,
      object: job.object,
      createdById: USER_ID,
      createdDate: '2024-01-01T00:00:00.000+0000',
      systemModstamp: '2024-01-01T00:00:00.000+0000',
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(version),
      jobType: 'V2Ingest',
      contentUrl: `services/data/v${version}/jobs/ingest/${job.id}/batches`,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      numberRecordsProcessed: job.results.length,
      numberRecordsFailed: job.results.filter((r) => r.error).length,
      retries: 0,
      totalProcessingTime: 0,
      apiActiveProcessingTime: 0,
      apexProcessingTime: 0,
      ...(job.errorMessage !== undefined && { errorMessage: job.errorMessage }),
    };
  }

  const fake: FakeSalesforce = {
    url: '',
    clientId: '3MVG9FK.fake-client-id',
    clientSecret: `secret-${randomBytes(12).toString('hex')}`,
    refreshToken: `5Aep861FK${randomBytes(24).toString('base64url')}`,
    accessToken: '',
    issuedTokens,
    requests,
    get apiCalls() {
      return apiCalls;
    },
    records,
    jobs,
    addLead(fields) {
      return insert('Lead', fields);
    },
    addContact({ AccountName, ...fields }) {
      return insert('Contact', { ...fields, ...(AccountName !== undefined && { Account: { Name: AccountName } }) });
    },
    withEmail(email) {
      const key = email.toLowerCase();
      return [...records.Lead.values(), ...records.Contact.values()].filter((r) => typeof r.Email === 'string' && r.Email.toLowerCase() === key);
    },
    expireAccessTokens() {
      validTokens.clear();
    },
    revokeRefreshToken() {
      refreshRevoked = true;
    },
    setApiLimit(limit) {
      apiLimit = limit;
    },
    failNext(match, ...queued) {
      for (const fault of queued) faults.push({ match, fault });
    },
    failNextJob(errorMessage) {
      jobFailures.push(errorMessage);
    },
    requestsTo(match) {
      return requests.filter((r) => matchesRoute(match, r.method, r.path));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = baseUrl;
  fake.accessToken = issueToken();
  return fake;
}

// ---- SOQL: just the shapes biz sends ----

/** `SELECT f, ... FROM Object [WHERE cond AND ...] [LIMIT n]`, cond `Field = literal` or `Field IN (literal, ...)`. */
export function parseSoql(text: string): Soql {
  const tokens = tokenize(text);
  let at = 0;
  const next = (): string => {
    const token = tokens[at++];
    if (token === undefined) throw new Error('unexpected end of query');
    return token;
  };
  const keyword = (word: string): boolean => tokens[at]?.toUpperCase() === word && ++at > 0;
  const expect = (word: string): void => {
    if (!keyword(word)) throw new Error(`unexpected token: ${tokens[at] ?? 'end of query'}, expected ${word}`);
  };
  const literalValue = (): string | boolean | null => {
    const token = next();
    if (token.startsWith("'")) return token.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c);
    const word = token.toLowerCase();
    if (word === 'null') return null;
    if (word === 'true' || word === 'false') return word === 'true';
    throw new Error(`unexpected token: ${token}`);
  };

  expect('SELECT');
  const fields = [next()];
  while (keyword(',')) fields.push(next());
  expect('FROM');
  const object = next();
  const conditions: Soql['conditions'] = [];
  if (keyword('WHERE')) {
    do {
      const field = next();
      if (keyword('=')) conditions.push({ field, values: [literalValue()] });
      else {
        expect('IN');
        expect('(');
        const values = [literalValue()];
        while (keyword(',')) values.push(literalValue());
        expect(')');
        conditions.push({ field, values });
      }
    } while (keyword('AND'));
  }
  const limit = keyword('LIMIT') ? Number(next()) : undefined;
  if (at < tokens.length) throw new Error(`unexpected token: ${tokens[at]}`);
  return { fields, object, conditions, ...(limit !== undefined && { limit }) };
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*('(?:\\.|[^'\\])*'|[(),=]|[A-Za-z_][\w.]*|\d+)/y;
  const end = text.trimEnd().length;
  while (pattern.lastIndex < end) {
    const match = pattern.exec(text);
    if (!match) throw new Error(`unexpected character at ${pattern.lastIndex}: ${text.slice(pattern.lastIndex, pattern.lastIndex + 10)}`);
    tokens.push(match[1]!);
  }
  return tokens;
}

function valueAt(record: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), record);
}

/** A record test for `Field = literal` or `Field IN (...)`: strings compare without case, null matches an empty field. */
function condition({ field, values }: Soql['conditions'][number]): (record: FakeRecord) => boolean {
  const strings = new Set(values.flatMap((v) => (typeof v === 'string' ? [v.toLowerCase()] : [])));
  const others = values.filter((v) => typeof v !== 'string');
  return (record) => {
    const value = valueAt(record, field);
    if (typeof value === 'string' && value !== '' && strings.has(value.toLowerCase())) return true;
    return others.some((v) => (v === null ? value === undefined || value === null || value === '' : (value ?? false) === v));
  };
}

// ---- wire ----

function parseBody(raw: string, contentType: string): unknown {
  if (raw.length === 0) return undefined;
  if (contentType.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  if (contentType.startsWith('application/json')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status, reply.headers).end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json;charset=UTF-8', ...reply.headers }).end(text);
}

function faultReply(fault: Exclude<SalesforceFault, 'hang' | 'drop-after-write'>): Reply {
  if (fault === 500) return { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567-8901 (-1)' }] };
  if (fault === 503) return { status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Server is temporarily unavailable, please try again later' }] };
  return { status: fault.status, body: [{ message: fault.message ?? fault.errorCode, errorCode: fault.errorCode }] };
}

function notFound(): Reply {
  return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
}

