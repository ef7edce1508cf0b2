/**
 * Lookups of records that already exist. The SOQL goes through the Composite resource: up to five queries per API
 * call (Salesforce's limit for query subrequests), and a composite request counts once against the org's API limit.
 */
import type { Connection } from 'jsforce';
import type { Session } from './session';
import { inLists, literal } from './soql';
import { errorIn, HttpFailure } from './transport';
import type { PersonRef, TaskRef } from './types';

const VALUES_PER_QUERY = 200;
const IN_LIST_CHARS = 8_000;
const QUERIES_PER_CALL = 5;

type Row = { Id: string } & Record<string, unknown>;

interface QueryResult {
  done: boolean;
  nextRecordsUrl?: string;
  records: Row[];
}

interface CompositeReply {
  compositeResponse: Array<{ body: unknown; httpStatusCode: number; referenceId: string }>;
}

export async function findByEmail(session: Session, emails: string[]): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
  const lists = inLists(wanted, VALUES_PER_QUERY, IN_LIST_CHARS).map((list) => list.map(literal).join(', '));
  const types = lists.flatMap(() => ['Lead', 'Contact'] as const);
  const soqls = lists.flatMap((values) => [
    `SELECT Id, Email FROM Lead WHERE IsConverted = false AND Email IN (${values})`,
    `SELECT Id, Email FROM Contact WHERE Email IN (${values})`,
  ]);
  const results = await runQueries(session, soqls, `look up ${wanted.length} email${wanted.length === 1 ? '' : 's'}`);
  const people = new Map<string, PersonRef>();
  results.forEach((rows, n) => {
    for (const person of rows.map((row) => personOf(types[n]!, row))) {
      const key = person.email.toLowerCase();
      if (!people.has(key) || (person.type === 'Contact' && people.get(key)?.type === 'Lead')) people.set(key, person);
    }
  });
  return people;
}

export async function findByNameAndCompany(session: Session, firstName: string | undefined, lastName: string, company: string): Promise<PersonRef | undefined> {
  const name = `LastName = ${literal(lastName)} AND FirstName = ${firstName?.trim() ? literal(firstName) : 'null'}`;
  const [contacts, leads] = await runQueries(
    session,
    [
      `SELECT Id, Email FROM Contact WHERE ${name} AND Account.Name = ${literal(company)} LIMIT 1`,
      `SELECT Id, Email FROM Lead WHERE IsConverted = false AND ${name} AND Company = ${literal(company)} LIMIT 1`,
    ],
    `look up ${[firstName, lastName].filter(Boolean).join(' ')} at ${company}`,
  );
  const contact = contacts?.[0];
  const lead = leads?.[0];
  return contact ? personOf('Contact', contact) : lead && personOf('Lead', lead);
}

export async function findTasks(session: Session, whoIds: string[]): Promise<TaskRef[]> {
  const ids = [...new Set(whoIds.filter(Boolean))];
  const soqls = inLists(ids, VALUES_PER_QUERY, IN_LIST_CHARS).map((list) => `SELECT Id, WhoId, Subject, ActivityDate FROM Task WHERE WhoId IN (${list.map(literal).join(', ')})`);
  const results = await runQueries(session, soqls, `look up the Tasks of ${ids.length} people`);
  return results.flat().map((row) => ({ id: row.Id, whoId: text(row.WhoId), subject: text(row.Subject), activityDate: text(row.ActivityDate) }));
}

function personOf(type: PersonRef['type'], row: Row): PersonRef {
  return { id: row.Id, type, email: text(row.Email) };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The rows of each query, in the order of `soqls`. */
async function runQueries(session: Session, soqls: string[], operation: string): Promise<Row[][]> {
  const results: Row[][] = [];
  for (let start = 0; start < soqls.length; start += QUERIES_PER_CALL) {
    const group = soqls.slice(start, start + QUERIES_PER_CALL);
    results.push(...(await session.call(operation, 'none', (conn) => runComposite(conn, group))));
  }
  return results;
}

async function runComposite(conn: Connection, soqls: string[]): Promise<Row[][]> {
  const compositeRequest = soqls.map((soql, n) => ({ method: 'GET', url: `/services/data/v${conn.version}/query?q=${encodeURIComponent(soql)}`, referenceId: `q${n}` }));
  const reply = await conn.request<CompositeReply>({
    method: 'POST',
    url: '/composite',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ compositeRequest }),
  });
  const results: Row[][] = [];
  for (const n of soqls.keys()) {
    const answer = reply.compositeResponse.find((sub) => sub.referenceId === `q${n}`);
    if (!answer) throw new Error(`the composite reply has no result for query ${n + 1} of ${soqls.length}`);
    if (answer.httpStatusCode >= 400) {
      const said = errorIn(answer.body);
      throw new HttpFailure(answer.httpStatusCode, said?.code ?? `HTTP_${answer.httpStatusCode}`, said?.message ?? '');
    }
    results.push(await allRows(conn, answer.body as QueryResult));
  }
  return results;
}

/** The first page and every further page through nextRecordsUrl. */
async function allRows(conn: Connection, first: QueryResult): Promise<Row[]> {
  const rows = [...first.records];
  for (let page = first; !page.done && page.nextRecordsUrl; ) {
    page = await conn.request<QueryResult>(page.nextRecordsUrl);
    rows.push(...page.records);
  }
  return rows;
}
