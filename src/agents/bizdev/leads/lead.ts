/** The fields a lead file or a text may give; everything else in a row is ignored. */
export const LEAD_FIELDS = ['name', 'firstName', 'lastName', 'email', 'company', 'title', 'phone', 'source', 'owner', 'website', 'notes'] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

/** A lead as read: text per field, not yet checked. */
export type RawLead = { [field: string]: string | undefined };

export type LeadFlag = 'free-mail' | 'disposable' | 'phone-unparsed' | 'company-from-domain' | 'name-from-email';

export interface Lead {
  firstName?: string;
  lastName: string;
  /** Lower-case and syntax-checked. */
  email: string;
  company: string;
  /** The registrable domain of the company, from the email or, for a free-mail address, the website. */
  companyDomain?: string;
  title?: string;
  /** E.164. */
  phone?: string;
  source?: string;
  owner?: string;
  notes?: string;
  flags: LeadFlag[];
}

/** A rejection's reason says what is wrong and what to do, and names the field. */
export type Normalized = { ok: true; lead: Lead } | { ok: false; reason: string };
