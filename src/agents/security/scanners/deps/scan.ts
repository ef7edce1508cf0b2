import { readFile as readFromDisk } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { findingFor, type Finding, type RuleMeta, type ScanWarning } from '../../findings';
import { groupAliases } from './advisory-groups';
import { advisoryRule, fixedVersionsAcross, packageFix } from './advisory-rule';
import { parserFor } from './lockfiles';
import type { OsvVulnerability } from './osv';
import { pkgKey, type Package } from './package';
import type { OsvSource } from './sources/source';

export interface ScanDependenciesOptions {
  root: string;
  lockfiles: string[]; // repository-relative, forward slashes
  /** Reads a repository-relative path; defaults to the file under `root`. */
  readFile?: (path: string) => Promise<string>;
  source: OsvSource;
}

export interface DependencyScanResult {
  findings: Finding[];
  rules: RuleMeta[];
  warnings: ScanWarning[];
  packages: number;
}

const SNIPPET_MAX = 200;

/**
 * Parses every lockfile, asks the source once for all packages, and reports one finding per lockfile location,
 * package version and advisory (aliases of one advisory count once). A source failure rejects: the caller reports
 * the dependency scan as skipped.
 */
export async function scanDependencies(options: ScanDependenciesOptions): Promise<DependencyScanResult> {
  const read = options.readFile ?? ((path: string) => readFromDisk(join(options.root, path), 'utf8'));
  const warnings: ScanWarning[] = [];
  const packages: Package[] = [];
  const linesOf = new Map<string, string[]>();

  for (const file of options.lockfiles) {
    const parse = parserFor(file);
    if (!parse) continue;
    if (posix.basename(file) === 'go.sum' && (await hasGoModBeside(file, options.lockfiles, read))) continue;
    let text: string;
    try {
      text = await read(file);
    } catch (error) {
      warnings.push({ file, message: `cannot read lockfile: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      continue;
    }
    const parsed = parse(file, text);
    packages.push(...parsed.packages);
    warnings.push(...parsed.warnings);
    linesOf.set(file, text.split(/\r?\n/));
  }

  const answers = packages.length > 0 ? await options.source.query(packages) : new Map<string, OsvVulnerability[]>();
  const rules = new Map<string, RuleMeta>();
  const findings: Finding[] = [];
  for (const pkg of packages) {
    for (const group of groupAliases(answers.get(pkgKey(pkg)) ?? [])) {
      const ruleId = `dep/${(group[0] as OsvVulnerability).id}`;
      const rule = rules.get(ruleId) ?? advisoryRule(group);
      rules.set(ruleId, rule);
      findings.push(findingForPackage(rule, group, pkg, linesOf.get(pkg.file)?.[pkg.line - 1]));
    }
  }
  findings.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || compareText(a.ruleId, b.ruleId));
  return { findings, rules: [...rules.values()], warnings, packages: packages.length };
}

function findingForPackage(rule: RuleMeta, group: OsvVulnerability[], pkg: Package, sourceLine: string | undefined): Finding {
  const ids = group.map((vuln) => vuln.id);
  const aliases = [...new Set(group.flatMap((vuln) => vuln.aliases ?? []))]
    .filter((alias) => !ids.includes(alias))
    .sort((a, b) => Number(!a.startsWith('CVE-')) - Number(!b.startsWith('CVE-')) || compareText(a, b));
  const fix = packageFix(group, pkg.ecosystem, pkg.name, pkg.version);
  const known = [ids.join(', '), ...aliases].join(', ');
  const message = `${pkg.name} ${pkg.version} (${pkg.ecosystem}) has a known vulnerability (${known}): ${rule.title}. ${fix}.`;
  const snippet = sourceLine?.trim().slice(0, SNIPPET_MAX);
  const finding = findingFor(rule, { file: pkg.file, line: pkg.line, snippet, matched: `${pkg.name}@${pkg.version}` }, message);
  return {
    ...finding,
    fix,
    dependency: {
      ecosystem: pkg.ecosystem,
      name: pkg.name,
      version: pkg.version,
      advisories: ids,
      aliases,
      fixedVersions: fixedVersionsAcross(group, pkg.ecosystem, pkg.name),
    },
  };
}

/** go.sum is only a fallback: with a go.mod beside it, the go.mod says which versions are required. */
async function hasGoModBeside(goSum: string, lockfiles: string[], read: (path: string) => Promise<string>): Promise<boolean> {
  const goMod = posix.join(posix.dirname(goSum), 'go.mod');
  if (lockfiles.includes(goMod)) return true;
  return read(goMod).then(
    () => true,
    () => false,
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
