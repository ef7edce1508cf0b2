/** Creates and updates through sObject Collections: 200 records per API call, allOrNone false, outcomes in input order. */
import { SalesforceRequestError } from './errors';
import type { Session } from './session';
import type { LeadFields, PersonRef, RecordOutcome, TaskFields } from './types';

const RECORDS_PER_CALL = 200;

type SObjectRecord = { attributes: { type: string }; id?: string } & Record<string, unknown>;

/** One record's result. Errors carry `statusCode` on the wire (jsforce's SaveError type says `errorCode`). */
interface SaveReply {
  id?: string | null;
  success: boolean;
  errors?: Array<{
    statusCode?: string;
    errorCode?: string;
    message?: string;
    fields?: string[];
    duplicateResult?: { matchResults?: Array<{ matchRecords?: Array<{ record?: { Id?: string } }> }> };
  }>;
}

export function createLeads(session: Session, records: LeadFields[]): Promise<RecordOutcome[]> {
  return save(session, 'POST', 'Leads', records.map((fields) => ({ attributes: { type: 'Lead' }, ...fields })));
}

export function createTasks(session: Session, tasks: TaskFields[]): Promise<RecordOutcome[]> {
  return save(session, 'POST', 'Tasks', tasks.map((fields) => ({ attributes: { type: 'Task' }, ...fields })));
}

export function updatePeople(session: Session, updates: Array<{ ref: PersonRef; fields: Partial<LeadFields> }>): Promise<RecordOutcome[]> {
  const records = updates.map(({ ref, fields }) => ({ ...fieldsOf(ref.type, fields), attributes: { type: ref.type }, id: ref.id }));
  return save(session, 'PATCH', 'Leads and Contacts', records);
}

/** A Contact has no Company field (its company is its Account): sending one fails the whole request. */
function fieldsOf(type: PersonRef['type'], fields: Partial<LeadFields>): Partial<LeadFields> {
  if (type === 'Lead') return fields;
  const { Company: _company, ...contactFields } = fields;
  return contactFields;
}

async function save(session: Session, method: 'POST' | 'PATCH', noun: string, records: SObjectRecord[]): Promise<RecordOutcome[]> {
  const outcomes: RecordOutcome[] = [];
  for (let start = 0; start < records.length; start += RECORDS_PER_CALL) {
    const chunk = records.slice(start, start + RECORDS_PER_CALL);
    const operation = `${method === 'POST' ? 'create' : 'update'} ${noun} ${start + 1}-${start + chunk.length} of ${records.length}`;
    const replies = await session.call(operation, 'write', (conn) =>
      conn.request<SaveReply[]>({
        method,
        url: '/composite/sobjects',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ allOrNone: false, records: chunk }),
      }),
    );
    if (!Array.isArray(replies) || replies.length !== chunk.length) {
      throw new SalesforceRequestError(`Salesforce answered ${operation} with ${Array.isArray(replies) ? replies.length : 'no'} results for ${chunk.length} records`, { ambiguous: true });
    }
    outcomes.push(...replies.map((reply) => outcomeOf(reply, method === 'POST')));
  }
  return outcomes;
}

function outcomeOf(reply: SaveReply, created: boolean): RecordOutcome {
  if (reply.success) return { ok: true, ...(reply.id && { id: reply.id }), created, errors: [] };
  const errors = (reply.errors ?? []).map((error) => ({ code: error.statusCode ?? error.errorCode ?? 'UNKNOWN_ERROR', message: error.message ?? '', fields: error.fields ?? [] }));
  const duplicateOf = reply.errors
    ?.flatMap((error) => error.duplicateResult?.matchResults ?? [])
    .flatMap((match) => match.matchRecords ?? [])
    .map((match) => match.record?.Id)
    .find((id) => id !== undefined);
  return { ok: false, errors, ...(duplicateOf && { duplicateOf }) };
}
