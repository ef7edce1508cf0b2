import type { LeadValues } from '../../store/leads';
import { emailKey, nameCompanyKey } from './leads/dedup-key';
import type { Lead } from './leads/lead';
import { scoreLead } from './leads/score';

/** A normalized lead as the store keeps it: its dedup keys and its explained score. */
export function leadValues(lead: Lead, sequence?: string): LeadValues {
  const score = scoreLead(lead);
  return {
    email: lead.email,
    emailKey: emailKey(lead.email),
    nameKey: nameCompanyKey(lead),
    firstName: lead.firstName,
    lastName: lead.lastName,
    company: lead.company,
    companyDomain: lead.companyDomain,
    title: lead.title,
    phone: lead.phone,
    source: lead.source,
    owner: lead.owner,
    notes: lead.notes,
    flags: lead.flags,
    score: score.score,
    grade: score.grade,
    scoreReasons: score.reasons,
    sequence,
  };
}
