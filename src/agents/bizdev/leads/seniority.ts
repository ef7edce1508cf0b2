export type SeniorityLevel = 'c-level' | 'vp' | 'manager' | 'individual';

export interface SeniorityMatch {
  level: SeniorityLevel;
  /** What kind of role matched: "C-level", "vice president", "head", "manager", ... */
  label: string;
  /** The words of the title that matched, as written. */
  term: string;
}

// "Assistant to the CEO", "Office of the CTO": a rank after "to", "of" or "for" is someone else's.
const NOT_SOMEONE_ELSES = String.raw`(?<!\b(?:to|of|for)\s+(?:the\s+)?)`;
const term = (source: string) => new RegExp(NOT_SOMEONE_ELSES + source, 'i');

/** Highest level first: the first entry that matches decides. */
const VOCABULARY: { level: SeniorityLevel; label: string; pattern: RegExp }[] = [
  { level: 'c-level', label: 'C-level', pattern: term(String.raw`\b(?:ceo|cto|cfo|coo|cmo|cio|ciso|cro|cpo|cso|cdo|cco|chro)\b|\bchief\b(?!\s+of\s+staff)`) },
  { level: 'c-level', label: 'founder', pattern: term(String.raw`\b(?:co-?)?founder\b`) },
  { level: 'c-level', label: 'owner', pattern: term(String.raw`(?<!\b(?:product|process|project|service|data|account|content|budget|risk|control)\s+)\b(?:co-?)?owner\b`) },
  { level: 'c-level', label: 'president', pattern: term(String.raw`(?<!\bvice[\s-]*)\bpresident\b`) },
  { level: 'c-level', label: 'managing director', pattern: term(String.raw`\bmanaging\s+director\b`) },
  { level: 'c-level', label: 'partner', pattern: term(String.raw`\b(?:managing|general|founding)\s+partner\b`) },
  { level: 'vp', label: 'vice president', pattern: term(String.raw`\b[sea]?vp\b|\bvice[\s-]*president\b`) },
  { level: 'vp', label: 'chief of staff', pattern: term(String.raw`\bchief\s+of\s+staff\b`) },
  { level: 'vp', label: 'head', pattern: term(String.raw`\bhead\b`) },
  { level: 'vp', label: 'general manager', pattern: term(String.raw`\bgeneral\s+manager\b`) },
  { level: 'vp', label: 'director', pattern: term(String.raw`\bdirector\b|\bdir\b\.?`) },
  { level: 'manager', label: 'manager', pattern: term(String.raw`\bmanager\b|\bmgr\b\.?`) },
  { level: 'manager', label: 'lead', pattern: term(String.raw`\b(?:team\s+)?lead(?:er)?\b(?!\s+gen)`) },
  { level: 'manager', label: 'supervisor', pattern: term(String.raw`\bsupervisor\b`) },
  {
    level: 'individual',
    label: 'individual contributor',
    pattern: term(
      String.raw`\b(?:engineer|developer|programmer|designer|analyst|consultant|specialist|representative|associate|coordinator|architect|scientist|administrator|accountant|recruiter|assistant|executive|advisor|adviser|officer|strategist|marketer|researcher|intern|writer|editor|technician|planner|sdr|bdr)\b`,
    ),
  },
];

/** The rank a job title names, or undefined when it names none this vocabulary knows. */
export function matchSeniority(title: string): SeniorityMatch | undefined {
  for (const { level, label, pattern } of VOCABULARY) {
    const m = pattern.exec(title);
    if (m) return { level, label, term: m[0].trim() };
  }
  return undefined;
}
