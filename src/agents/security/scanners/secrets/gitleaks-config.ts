import { parse, TomlError } from 'smol-toml';
import { z } from 'zod';
import type { Severity } from '../../findings';
import { translateGoRegex } from './go-regex';
import type { SecretAllowlist, SecretRule } from './rule';

const AllowlistSchema = z.object({
  description: z.string().optional(),
  condition: z.enum(['OR', 'AND', 'or', 'and']).optional(),
  regexTarget: z.enum(['secret', 'match', 'line']).optional(),
  regexes: z.array(z.string()).optional(),
  paths: z.array(z.string()).optional(),
  stopwords: z.array(z.string()).optional(),
  commits: z.array(z.string()).optional(),
  targetRules: z.array(z.string()).optional(),
});

const RuleSchema = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  regex: z.string().optional(),
  secretGroup: z.number().int().nonnegative().optional(),
  entropy: z.number().nonnegative().optional(),
  keywords: z.array(z.string()).optional(),
  path: z.string().optional(),
  allowlist: AllowlistSchema.optional(),
  allowlists: z.array(AllowlistSchema).optional(),
});

const ConfigSchema = z.object({
  rules: z.array(RuleSchema).optional(),
  allowlist: AllowlistSchema.optional(),
  allowlists: z.array(AllowlistSchema).optional(),
});

type GitleaksAllowlist = z.infer<typeof AllowlistSchema>;
type GitleaksRule = z.infer<typeof RuleSchema>;

export interface GitleaksConfig {
  /** Rules to pass as `extraRules`; ids are `secret/custom-<gitleaks id>`. */
  rules: SecretRule[];
  /** Global allowlists (gitleaks' [allowlist] / [[allowlists]] without targetRules). */
  allowlists: SecretAllowlist[];
  /** Rules and settings that could not be imported, each message naming the rule. */
  warnings: string[];
}

const IMPORTED_SEVERITY: Severity = 'high';

/** Reads a .gitleaks.toml. Throws on invalid TOML (with file and line) or on fields of the wrong type. */
export function loadGitleaksRules(tomlText: string, fileName: string): GitleaksConfig {
  let document: unknown;
  try {
    document = parse(tomlText);
  } catch (e) {
    if (e instanceof TomlError) {
      throw new Error(`${fileName}:${e.line}:${e.column}: invalid TOML: ${e.message.split('\n')[0]}`, { cause: e });
    }
    throw e;
  }
  const parsed = ConfigSchema.safeParse(document);
  if (!parsed.success) throw new Error(`${fileName}: not a gitleaks configuration:\n${z.prettifyError(parsed.error)}`);
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);

  const globalLists = [...(parsed.data.allowlist ? [parsed.data.allowlist] : []), ...(parsed.data.allowlists ?? [])];
  const targeted = globalLists.filter((l) => l.targetRules?.length);
  const allowlists = globalLists
    .filter((l) => !l.targetRules?.length)
    .flatMap((l) => convertAllowlist(l, 'the global allowlist', warn) ?? []);

  const rules: SecretRule[] = [];
  for (const rule of parsed.data.rules ?? []) {
    const lists = [
      ...(rule.allowlist ? [rule.allowlist] : []),
      ...(rule.allowlists ?? []),
      ...targeted.filter((l) => l.targetRules?.includes(rule.id)),
    ];
    const converted = convertRule(rule, lists, warn);
    if (converted) rules.push(converted);
  }
  return { rules, allowlists, warnings };
}

function convertRule(rule: GitleaksRule, lists: GitleaksAllowlist[], warn: (m: string) => void): SecretRule | undefined {
  const where = `rule ${rule.id}`;
  if (rule.regex === undefined) {
    warn(`${where} skipped: rules without a regex (path-only) are not supported`);
    return undefined;
  }
  const translated = translateGoRegex(rule.regex, 'g');
  if ('error' in translated) {
    warn(`${where} skipped: its regex cannot run in JavaScript (${translated.error})`);
    return undefined;
  }
  const path = rule.path === undefined ? undefined : translateGoRegex(rule.path);
  if (path && 'error' in path) {
    warn(`${where} skipped: its path regex cannot run in JavaScript (${path.error})`);
    return undefined;
  }
  const allowlists: SecretAllowlist[] = [];
  for (const list of lists) {
    const converted = convertAllowlist(list, where, warn);
    if (!converted) return undefined;
    allowlists.push(converted);
  }
  const title = rule.description ?? rule.id;
  return {
    meta: {
      id: `secret/custom-${rule.id}`,
      scanner: 'secrets',
      title,
      description: `${title} (rule ${rule.id} from the project's gitleaks configuration).`,
      fix: 'Revoke or rotate the credential with its issuer and load it from the environment or a secret store.',
      severity: IMPORTED_SEVERITY,
      cwe: ['CWE-798'],
      owasp: ['A07:2021'],
    },
    keywords: (rule.keywords ?? []).map((k) => k.toLowerCase()),
    regex: translated.regex,
    secretGroup: rule.secretGroup || undefined,
    entropy: rule.entropy,
    path: path?.regex,
    allowlists,
    wholeText: true,
  };
}

function convertAllowlist(
  list: GitleaksAllowlist,
  where: string,
  warn: (m: string) => void,
): SecretAllowlist | undefined {
  if (list.commits?.length) warn(`${where}: allowlist commits are ignored (use a baseline to accept old commits)`);
  const compile = (sources: string[] | undefined, what: string): RegExp[] | undefined => {
    const out: RegExp[] = [];
    for (const source of sources ?? []) {
      const t = translateGoRegex(source);
      if ('error' in t) {
        warn(`${where} skipped: allowlist ${what} ${JSON.stringify(source)} cannot run in JavaScript (${t.error})`);
        return undefined;
      }
      out.push(t.regex);
    }
    return out;
  };
  const regexes = compile(list.regexes, 'regex');
  const paths = compile(list.paths, 'path');
  if (!regexes || !paths) return undefined;
  return {
    regexes,
    regexTarget: list.regexTarget,
    paths,
    stopwords: list.stopwords?.map((w) => w.toLowerCase()),
    condition: list.condition?.toUpperCase() === 'AND' ? 'AND' : 'OR',
  };
}
