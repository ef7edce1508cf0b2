import type { LeadValues, StoredLead } from '../../store/leads';
import { emailKey, nameCompanyKey } from './leads/dedup-key';
import type { Lead, LeadFlag } from './leads/lead';
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

/** A stored lead back in the shape the lead tools take (absent fields undefined, not null). */
export function leadOf(l: StoredLead): Lead {
  const given = (v: string | null) => v ?? undefined;
  return {
    firstName: given(l.firstName),
    lastName: l.lastName,
    email: l.email,
    company: l.company,
    companyDomain: given(l.companyDomain),
    title: given(l.title),
    phone: given(l.phone),
    source: given(l.source),
    owner: given(l.owner),
    notes: given(l.notes),
    flags: l.flags as LeadFlag[],
  };
}
