import { isAscii } from 'node:buffer';
import { bytesOf, type SourceFile } from '../../findings';
import { isAllowed } from './allowlist';
import { shannonEntropy } from './entropy';
import { KeywordIndex } from '../keyword-index';
import { lineNumberAt, lineStarts } from './line-index';
import { ByteLines, TextLines, type Lines } from './lines';
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

type Occurrences = (number[] | undefined)[];

/**
 * gitleaks' detection loop: one keyword pass over the file, then each rule whose keywords occur runs its regex over
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
      rule: withEveryField(rule),
      regex: new RegExp(rule.regex.source, [...new Set(`${rule.regex.flags}gd`)].join('')),
      keywordIds: rule.keywords.filter((k) => k !== '').map((k) => ids.get(k) as number),
    }));
  }

  /**
   * The keyword pass reads the file's bytes. In an ASCII file byte offsets are text offsets, and the rules read
   * only the lines they need, decoded one by one. Elsewhere offsets differ but lines do not: the rules first look
   * at lines decoded one by one, and only a file where one matches is decoded whole and scanned again.
   */
  detect(file: SourceFile): SecretHit[] {
    const { path } = file;
    if (this.allowlists.some((list) => list.paths?.some((p) => p.test(path)) && list.condition !== 'AND')) return [];
    const bytes = bytesOf(file);
    const occurrences = this.keywords.find(bytes);
    const ascii = isAscii(bytes);
    const lines = new ByteLines(bytes, ascii, () => file.text);
    if (ascii) return this.hitsIn(path, lines, occurrences);
    if (!this.compiled.some((c) => this.applies(c, path) && this.runRule(c, lines, occurrences).length > 0)) return [];
    const text = file.text;
    return this.hitsIn(path, new TextLines(text), onTextLines(bytes, text, occurrences));
  }

  private applies(c: CompiledRule, path: string): boolean {
    return !c.rule.path || c.rule.path.test(path);
  }

  private hitsIn(path: string, lines: Lines, occurrences: Occurrences): SecretHit[] {
    const hits: SecretHit[] = [];
    for (const c of this.compiled) {
      if (!this.applies(c, path)) continue;
      const found = this.runRule(c, lines, occurrences);
      if (found.length > 0 && (!c.rule.requires || c.rule.requires.test(lines.whole))) hits.push(...found);
    }
    return dropGenericOverlaps(hits).filter((hit) => !this.allowed(hit, path, lines));
  }

  private runRule(c: CompiledRule, lines: Lines, occurrences: Occurrences): SecretHit[] {
    if (c.keywordIds.length === 0) return this.matchIn(c, lines.whole, 0);
    const positions = positionsOf(c.keywordIds, occurrences);
    if (positions.length === 0) return [];
    if (c.rule.wholeText) return this.matchIn(c, lines.whole, 0);
    const hits: SecretHit[] = [];
    let scannedTo = -1;
    for (const at of positions) {
      if (at < scannedTo) continue;
      const start = lines.lineStart(at);
      const end = lines.lineEnd(at);
      hits.push(...this.matchIn(c, lines.slice(start, end), start));
      scannedTo = end;
    }
    return hits;
  }

  /** Hits in `window`, a stretch of the file starting at offset `from`. */
  private matchIn(c: CompiledRule, window: string, from: number): SecretHit[] {
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

  private allowed(hit: SecretHit, path: string, lines: Lines): boolean {
    const line = lines.slice(lines.lineStart(hit.start), lines.lineEnd(hit.start));
    return isAllowed(hit.rule, { secret: hit.secret, match: hit.match, line, path }, this.allowlists);
  }
}

/** Where any of the keywords occur, in order. A loop rather than array callbacks: it runs for every rule and file. */
function positionsOf(keywordIds: number[], occurrences: Occurrences): number[] {
  let positions: number[] = [];
  let lists = 0;
  for (let k = 0; k < keywordIds.length; k++) {
    const offsets = occurrences[keywordIds[k]];
    if (offsets === undefined) continue;
    positions = lists === 0 ? offsets : positions.concat(offsets);
    lists++;
  }
  return lists > 1 ? positions.sort(ascending) : positions;
}

const ascending = (a: number, b: number) => a - b;

/** Moves each byte offset to the start of its line in the decoded text: decoding keeps every line break. */
function onTextLines(bytes: Buffer, text: string, occurrences: Occurrences): Occurrences {
  const byteStarts = lineStarts(bytes);
  const textStarts = lineStarts(text);
  return occurrences.map((offsets) => offsets?.map((at) => textStarts[lineNumberAt(byteStarts, at) - 1]));
}

/**
 * The rule with every optional field present, in one order: all rules then share one object shape, and V8 keeps the
 * detection loop's code instead of recompiling it each time it meets a rule with other fields.
 */
function withEveryField(rule: SecretRule): SecretRule {
  const fields: { [K in keyof Required<SecretRule>]: SecretRule[K] } = {
    meta: rule.meta,
    keywords: rule.keywords,
    regex: rule.regex,
    secretGroup: rule.secretGroup,
    entropy: rule.entropy,
    allow: rule.allow,
    stopwords: rule.stopwords,
    allowlists: rule.allowlists,
    path: rule.path,
    check: rule.check,
    requires: rule.requires,
    wholeText: rule.wholeText,
    repeatsAllowed: rule.repeatsAllowed,
    generic: rule.generic,
  };
  return fields;
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
