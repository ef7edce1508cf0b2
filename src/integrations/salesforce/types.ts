export type SalesforceAuth =
  | { kind: 'token'; accessToken: string }
  | { kind: 'refresh'; clientId: string; clientSecret?: string; refreshToken: string }
  | { kind: 'client-credentials'; clientId: string; clientSecret: string };

export interface SalesforceOptions {
  /** Required for a plain access token; with the other kinds the token reply's instance_url wins. */
  instanceUrl?: string;
  /** OAuth endpoint base, e.g. https://login.salesforce.com (the token endpoint is /services/oauth2/token). */
  loginUrl: string;
  /** e.g. '62.0': jsforce's default version is old, so it is always given. */
  apiVersion: string;
  auth: SalesforceAuth;
  /** Per HTTP request, reading the reply included (default 60 s): jsforce has no timeout of its own. */
  timeoutMs?: number;
  /** Called with every access token the connection obtains (after a refresh, and at the start for the OAuth kinds). */
  onAccessToken?(token: string): void;
}

export interface PersonRef {
  id: string;
  type: 'Lead' | 'Contact';
  email: string;
}

export interface LeadFields {
  FirstName?: string;
  LastName: string;
  Email: string;
  Company: string;
  Title?: string;
  Phone?: string;
  LeadSource?: string;
  Description?: string;
  [field: string]: string | number | boolean | undefined;
}

export interface RecordOutcome {
  ok: boolean;
  id?: string;
  /** True for a record this call created, false for one it updated; absent when it failed. */
  created?: boolean;
  errors: Array<{ code: string; message: string; fields: string[] }>;
  /** For DUPLICATES_DETECTED through sObject Collections: the existing record the duplicate rule matched. */
  duplicateOf?: string;
}

export interface TaskFields {
  WhoId: string;
  Subject: string;
  /** YYYY-MM-DD */
  ActivityDate: string;
  Description?: string;
  OwnerId?: string;
  Status?: string;
  Priority?: string;
}

/** A Task as findTasks reads it back. */
export interface TaskRef {
  id: string;
  whoId: string;
  subject: string;
  /** YYYY-MM-DD, or '' when the Task has no date. */
  activityDate: string;
}

export interface BulkWaitOptions {
  /** Between two looks at the job's state (default 5 s). */
  pollIntervalMs?: number;
  /** How long to wait for the job to finish (default 10 min); the job keeps running in Salesforce after that. */
  timeoutMs?: number;
}

export interface BulkCreateOptions extends BulkWaitOptions {
  /** Called with the job id as soon as the job exists, before any data is sent: record it to resume after a crash. */
  onJob(jobId: string): void;
}

export interface Salesforce {
  /**
   * Existing Leads (not converted) and Contacts by email, case-insensitive, keyed by the lower-cased email. One SOQL
   * per object per up to 200 emails, five SOQL per API call (composite); a Contact wins over a Lead.
   */
  findByEmail(emails: string[]): Promise<Map<string, PersonRef>>;
  /**
   * An existing Contact (company = its Account's name) or else an unconverted Lead with exactly this name at this
   * company, case-insensitive; without a first name only records without one match. One API call.
   */
  findByNameAndCompany(firstName: string | undefined, lastName: string, company: string): Promise<PersonRef | undefined>;
  /** New Leads through sObject Collections (allOrNone false, 200 per call); outcomes in input order. */
  createLeads(records: LeadFields[]): Promise<RecordOutcome[]>;
  /** Updates Leads and Contacts (200 per call). Company is a Lead field: it is left out for Contacts. */
  updatePeople(updates: Array<{ ref: PersonRef; fields: Partial<LeadFields> }>): Promise<RecordOutcome[]>;
  /** New Tasks through sObject Collections (allOrNone false, 200 per call); outcomes in input order. */
  createTasks(tasks: TaskFields[]): Promise<RecordOutcome[]>;
  /** The Tasks of these Leads or Contacts (WhoId), e.g. to find those an interrupted createTasks wrote. */
  findTasks(whoIds: string[]): Promise<TaskRef[]>;
  /**
   * One Bulk API 2.0 insert job: create, upload the CSV, close, poll until it finishes, read its results. Outcomes in
   * input order (Salesforce returns results in any order; they are matched back by the row's values). The job is
   * never deleted, so a caller can resume it with resumeBulkLeads.
   */
  bulkCreateLeads(records: LeadFields[], opts: BulkCreateOptions): Promise<RecordOutcome[]>;
  /**
   * Waits for a job that bulkCreateLeads started and returns the outcomes of `records`, the records that job was
   * given (in any order; outcomes follow the order given here). A job that was never closed holds no imported rows: it is aborted and the call fails (not
   * ambiguous), so the caller can start a new import.
   */
  resumeBulkLeads(jobId: string, records: LeadFields[], opts?: BulkWaitOptions): Promise<RecordOutcome[]>;
  /** HTTP requests this connection sent to the instance's API (token requests are not API calls). */
  readonly apiCalls: number;
}
