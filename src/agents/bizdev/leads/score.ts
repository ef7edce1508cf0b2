import type { Lead } from './lead';
import { matchSeniority, type SeniorityLevel } from './seniority';

export interface LeadScore {
  /** 0-100. */
  score: number;
  grade: 'A' | 'B' | 'C' | 'D';
  /** One line per rule that gave or took points, e.g. "+25 title: VP (vice president)". */
  reasons: string[];
}

const TITLE_POINTS: Record<SeniorityLevel, number> = { 'c-level': 35, vp: 25, manager: 15, individual: 5 };

const SOURCES: { points: number; label: string; pattern: RegExp }[] = [
  { points: 30, label: 'referral', pattern: /\brefer(?:ral|red)?\b|word of mouth/i },
  { points: 20, label: 'inbound', pattern: /\binbound\b|\bdemo\b|contact[\s-]*(?:form|us)|\bweb[\s-]*(?:site|form)\b|\btrial\b|sign[\s-]*up|\bchat\b|download/i },
  { points: 12, label: 'event', pattern: /\bevents?\b|webinar|conference|trade[\s-]*show|meetup|booth|\bexpo\b|summit/i },
  { points: 5, label: 'outbound', pattern: /outbound|\bcold\b|\blists?\b|purchased|prospect|linkedin|scrap/i },
];

const COMPLETENESS = { title: 5, phone: 15, companyDomain: 15 };
const PENALTIES = { freeMail: -15, disposable: -40 };

/** A deterministic 0-100 score: seniority, source, completeness, and penalties for free-mail and throwaway addresses. */
export function scoreLead(lead: Lead): LeadScore {
  const parts: [points: number, why: string][] = [];
  if (lead.title) {
    const rank = matchSeniority(lead.title) ?? { level: 'individual' as const, label: 'individual contributor', term: lead.title };
    parts.push([TITLE_POINTS[rank.level], `title: ${rank.term} (${rank.label})`], [COMPLETENESS.title, 'has a title']);
  }
  if (lead.source) {
    const source = SOURCES.find((s) => s.pattern.test(lead.source!));
    parts.push(source ? [source.points, `source: ${lead.source} (${source.label})`] : [0, `source: ${lead.source} (not a source these rules know)`]);
  }
  if (lead.phone) parts.push([COMPLETENESS.phone, 'has a phone number']);
  if (lead.companyDomain) parts.push([COMPLETENESS.companyDomain, `company domain: ${lead.companyDomain}`]);
  const domain = lead.email.slice(lead.email.indexOf('@') + 1);
  if (lead.flags.includes('free-mail')) parts.push([PENALTIES.freeMail, `free-mail address (${domain})`]);
  if (lead.flags.includes('disposable')) parts.push([PENALTIES.disposable, `disposable address (${domain})`]);
  const sum = parts.reduce((total, [points]) => total + points, 0);
  if (sum < 0) parts.push([-sum, 'floor: a score is never below 0']);

  const score = Math.max(0, sum);
  const reasons = parts.map(([points, why]) => `${points >= 0 ? '+' : ''}${points} ${why}`);
  return { score, grade: score >= 75 ? 'A' : score >= 50 ? 'B' : score >= 25 ? 'C' : 'D', reasons };
}
