/** The Salesforce the business-development agent uses, over one session (session.ts). */
import { bulkCreateLeads, resumeBulkLeads } from './bulk';
import { createLeads, createTasks, updatePeople } from './collections';
import { findByEmail, findByNameAndCompany, findTasks } from './queries';
import { openSession } from './session';
import type { Salesforce, SalesforceOptions } from './types';

export async function connect(options: SalesforceOptions): Promise<Salesforce> {
  const session = await openSession(options);
  return {
    findByEmail: (emails) => findByEmail(session, emails),
    findByNameAndCompany: (firstName, lastName, company) => findByNameAndCompany(session, firstName, lastName, company),
    createLeads: (records) => createLeads(session, records),
    updatePeople: (updates) => updatePeople(session, updates),
    createTasks: (tasks) => createTasks(session, tasks),
    findTasks: (whoIds) => findTasks(session, whoIds),
    bulkCreateLeads: (records, opts) => bulkCreateLeads(session, records, opts),
    resumeBulkLeads: (jobId, records, opts) => resumeBulkLeads(session, jobId, records, opts),
    get apiCalls() {
      return session.apiCalls;
    },
  };
}
