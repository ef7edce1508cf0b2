import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { lineOf } from '../../../config/files';
import { UsageError } from '../../../core/errors';

export interface Brand {
  /** How posts should sound, in the author's words (given to the model as is). */
  voice: string;
  /** Words and phrases never to use. */
  avoid: string[];
  hashtags: {
    max: number;
    required: string[];
    banned: string[];
    /** Free-text advice on hashtags from the brand file (for the model). */
    guidance: string;
  };
}

export const DEFAULT_BRAND: Brand = { voice: '', avoid: [], hashtags: { max: 2, required: [], banned: [], guidance: '' } };

const HASHTAG = /^#[\p{L}\p{M}\p{N}_]+$/u;
const FRONT_MATTER_FENCE = /^---\s*$/;
const FRONT_MATTER_END = /^(?:---|\.\.\.)\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
const HASHTAG_RULE = /^(max|required|banned)\s*:\s*(.*)$/i;

/** A brand file being read: its path, for errors that say where. */
class BrandFileError extends UsageError {
  constructor(path: string, line: number, message: string) {
    super(`${path}:${line}: ${message}`, 'Fix the brand file (see `## Voice`, `## Avoid`, `## Hashtags`) or remove it.');
  }
}

const textList = z.union([z.string(), z.array(z.string())]).nullish();
const frontMatterSchema = z.strictObject({
  voice: z.string().nullish(),
  avoid: textList,
  hashtags: z.strictObject({ max: z.number().int().min(0).nullish(), required: textList, banned: textList }).nullish(),
});
type FrontMatter = z.infer<typeof frontMatterSchema>;

interface BrandParts {
  voice?: string;
  avoid: string[];
  max?: number;
  required: string[];
  banned: string[];
  guidance: string[];
}

const emptyParts = (): BrandParts => ({ avoid: [], required: [], banned: [], guidance: [] });

/** A list item without the quotes, backticks or emphasis people put around words. */
const unquoted = (item: string) => item.trim().replace(/^(["'`*_“‘]+)(.*?)(["'`*_”’]+)$/u, '$2').trim();

function hashtagsIn(value: string, where: { path: string; line: number; key: string }): string[] {
  return value
    .split(/[\s,]+/)
    .map(unquoted)
    .filter(Boolean)
    .map((tag) => {
      const hashtag = tag.startsWith('#') ? tag : `#${tag}`;
      if (!HASHTAG.test(hashtag)) throw new BrandFileError(where.path, where.line, `${where.key}: "${tag}" is not a hashtag (letters, digits and _ after #)`);
      return hashtag;
    });
}

/** Splits off YAML front matter: its text, the line it starts on, and the Markdown after it. */
function splitFrontMatter(path: string, text: string): { yaml?: string; yamlLine: number; body: string; bodyLine: number } {
  const lines = text.split(/\r?\n/);
  if (!FRONT_MATTER_FENCE.test(lines[0] ?? '')) return { yamlLine: 0, body: text, bodyLine: 1 };
  const end = lines.findIndex((line, i) => i > 0 && FRONT_MATTER_END.test(line));
  if (end < 0) throw new BrandFileError(path, 1, 'the front matter that starts here has no closing "---" line');
  return { yaml: lines.slice(1, end).join('\n'), yamlLine: 2, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

function frontMatterParts(path: string, yaml: string, firstLine: number): BrandParts {
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines, prettyErrors: false });
  const fileLine = (relative: number) => relative + firstLine - 1;
  const [syntaxError] = doc.errors;
  if (syntaxError) throw new BrandFileError(path, fileLine(lines.linePos(syntaxError.pos[0]).line), `front matter: invalid YAML: ${syntaxError.message.split('\n')[0]}`);
  const parsed = frontMatterSchema.safeParse(doc.toJS() ?? {});
  const at = (key: (string | number)[]) => fileLine(lineOf({ path, doc, lines }, key));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path as (string | number)[];
    const prefix = `front matter: ${key.length ? `${key.join('.')}: ` : ''}`;
    if (issue.code === 'unrecognized_keys') throw new BrandFileError(path, at([...key, issue.keys[0]]), `${prefix}unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`);
    throw new BrandFileError(path, at(key), `${prefix}${issue.message}`);
  }
  const data: FrontMatter = parsed.data;
  for (const key of ['required', 'banned'] as const) {
    if (data.hashtags?.[key] === null) throw new BrandFileError(path, at(['hashtags', key]), `front matter: hashtags.${key} is empty: in YAML a # starts a comment, so quote hashtags (${key}: "#biz")`);
  }
  const list = (value: string | string[] | null | undefined) => (Array.isArray(value) ? value : (value ?? '').split(',')).map(unquoted).filter(Boolean);
  const tags = (key: 'required' | 'banned') => list(data.hashtags?.[key]).flatMap((v) => hashtagsIn(v, { path, line: at(['hashtags', key]), key: `hashtags.${key}` }));
  return {
    voice: data.voice?.trim() || undefined,
    avoid: list(data.avoid),
    max: data.hashtags?.max ?? undefined,
    required: tags('required'),
    banned: tags('banned'),
    guidance: [],
  };
}

/** The `## Voice`, `## Avoid` and `## Hashtags` sections; other sections are the author's own notes. */
function markdownParts(path: string, body: string, firstLine: number): BrandParts {
  const parts = emptyParts();
  const voice: string[] = [];
  let section: string | undefined;
  body.split(/\r?\n/).forEach((line, i) => {
    const where = firstLine + i;
    const heading = HEADING.exec(line);
    if (heading && heading[1].length <= 2) {
      section = heading[1].length === 2 ? heading[2].toLowerCase() : undefined;
      return;
    }
    const item = BULLET.exec(line)?.[1] ?? (section === 'hashtags' ? line.trim() : undefined);
    if (section === 'voice') voice.push(line);
    else if (section === 'avoid' && item) parts.avoid.push(...item.split(',').map(unquoted).filter(Boolean));
    else if (section === 'hashtags' && item) {
      const rule = HASHTAG_RULE.exec(item);
      if (!rule) parts.guidance.push(item);
      else if (rule[1].toLowerCase() === 'max') {
        if (!/^\d+$/.test(rule[2].trim())) throw new BrandFileError(path, where, `hashtags max: "${rule[2].trim()}" is not a whole number`);
        parts.max = Number(rule[2].trim());
      } else {
        const key = rule[1].toLowerCase() as 'required' | 'banned';
        parts[key].push(...hashtagsIn(rule[2], { path, line: where, key: `hashtags ${key}` }));
      }
    }
  });
  const voiceText = voice.join('\n').trim();
  return { ...parts, voice: voiceText || undefined };
}

/** Case-insensitively distinct, first spelling kept. */
const distinct = (items: string[]) => items.filter((item, i) => items.findIndex((other) => other.toLowerCase() === item.toLowerCase()) === i);

/**
 * Reads `.biz/brand.md`. Front matter and sections may both be used: lists add up; a voice or a maximum given in a
 * section wins over the front matter's. A missing file gives the defaults.
 */
export function loadBrand(path: string): Brand {
  if (!existsSync(path)) return structuredClone(DEFAULT_BRAND);
  const { yaml, yamlLine, body, bodyLine } = splitFrontMatter(path, readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  const front = yaml === undefined ? emptyParts() : frontMatterParts(path, yaml, yamlLine);
  const sections = markdownParts(path, body, bodyLine);
  return {
    voice: sections.voice ?? front.voice ?? DEFAULT_BRAND.voice,
    avoid: distinct([...front.avoid, ...sections.avoid]),
    hashtags: {
      max: sections.max ?? front.max ?? DEFAULT_BRAND.hashtags.max,
      required: distinct([...front.required, ...sections.required]),
      banned: distinct([...front.banned, ...sections.banned]),
      guidance: sections.guidance.join('\n'),
    },
  };
}
