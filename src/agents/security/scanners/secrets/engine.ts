import { isAllowed } from './allowlist';
import { shannonEntropy } from './entropy';
import { KeywordIndex } from './keyword-index';
import type { SecretAllowlist, SecretRule } from './rule';

/** One secret a rule found, before line numbers: offsets are into the scanned text. */
export interface SecretHit {
  rule: SecretRule;
  secret: string;
  start: number;
  end: number;
  /** The whole regex match around the secret (for allowlists that target the match). */
  match: string;
}

interface CompiledRule {
  rule: SecretRule;
  /** Same source, flags g and d: match indices give the secret's offset. */
  regex: RegExp;
  keywordIds: number[];
}

function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndAt(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

/**
 * gitleaks' detection loop: one keyword pass over the text, then each rule whose keywords occur runs its regex over
 * the lines that hold them (or the whole text for multi-line rules), then entropy, checks and allowlists.
 */
export class SecretDetector {
  private readonly compiled: CompiledRule[];
  private readonly keywords: KeywordIndex;

  constructor(
    rules: readonly SecretRule[],
    private readonly allowlists: readonly SecretAllowlist[] = [],
  ) {
    const ids = new Map<string, number>();
    for (const rule of rules) for (const k of rule.keywords) if (k !== '' && !ids.has(k)) ids.set(k, ids.size);
    this.keywords = new KeywordIndex([...ids.keys()]);
    this.compiled = rules.map((rule) => ({
      rule,
      regex: new RegExp(rule.regex.source, [...new Set(`${rule.regex.flags}gd`)].join('')),
      keywordIds: rule.keywords.filter((k) => k !== '').map((k) => ids.get(k) as number),
    }));
  }

  detect(path: string, text: string): SecretHit[] {
    if (this.allowlists.some((list) => list.paths?.some((p) => p.test(path)) && list.condition !== 'AND')) return [];
    const occurrences = this.keywords.find(text);
    const hits: SecretHit[] = [];
    for (const c of this.compiled) {
      if (c.rule.path && !c.rule.path.test(path)) continue;
      const found = this.runRule(c, text, occurrences);
      if (found.length > 0 && (!c.rule.requires || c.rule.requires.test(text))) hits.push(...found);
    }
    return dropGenericOverlaps(hits).filter((hit) => !this.allowed(hit, path, text));
  }

  private runRule(c: CompiledRule, text: string, occurrences: (number[] | undefined)[]): SecretHit[] {
    if (c.keywordIds.length === 0) return this.matchIn(c, text, 0, text.length);
    if (!c.keywordIds.some((id) => occurrences[id])) return [];
    if (c.rule.wholeText) return this.matchIn(c, text, 0, text.length);
    const positions = c.keywordIds.flatMap((id) => occurrences[id] ?? []);
    if (c.keywordIds.length > 1) positions.sort((a, b) => a - b);
    const hits: SecretHit[] = [];
    let scannedTo = -1;
    for (const at of positions) {
      if (at < scannedTo) continue;
      const end = lineEndAt(text, at);
      hits.push(...this.matchIn(c, text, lineStartAt(text, at), end));
      scannedTo = end;
    }
    return hits;
  }

  private matchIn(c: CompiledRule, text: string, from: number, to: number): SecretHit[] {
    const window = from === 0 && to === text.length ? text : text.slice(from, to);
    const hits: SecretHit[] = [];
    c.regex.lastIndex = 0;
    for (let m = c.regex.exec(window); m !== null; m = c.regex.exec(window)) {
      if (m[0] === '') c.regex.lastIndex++;
      const group = c.rule.secretGroup ?? firstGroup(m);
      const span = m.indices?.[group];
      const secret = m[group];
      if (span === undefined || secret === undefined || secret === '') continue;
      if (c.rule.entropy !== undefined && shannonEntropy(secret) < c.rule.entropy) continue;
      if (c.rule.check && !c.rule.check(secret)) continue;
      hits.push({ rule: c.rule, secret, start: from + span[0], end: from + span[1], match: m[0] });
    }
    return hits;
  }

  private allowed(hit: SecretHit, path: string, text: string): boolean {
    const line = text.slice(lineStartAt(text, hit.start), lineEndAt(text, hit.start));
    return isAllowed(hit.rule, { secret: hit.secret, match: hit.match, line, path }, this.allowlists);
  }
}

/** The first capture group that took part in the match; the whole match when the regex has none. */
function firstGroup(m: RegExpExecArray): number {
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return g;
  return 0;
}

/** A catch-all rule's hit is redundant where a specific rule found a secret in the same place. */
function dropGenericOverlaps(hits: SecretHit[]): SecretHit[] {
  const specific = hits.filter((h) => !h.rule.generic);
  return hits.filter((h) => !h.rule.generic || !specific.some((s) => s.start < h.end && h.start < s.end));
}
