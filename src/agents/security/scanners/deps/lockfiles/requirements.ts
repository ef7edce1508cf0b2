import type { LockfileContents, Package } from '../package';

const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)$/;
const NOT_A_NAME = /^(?:-|\.|\/|~|[A-Za-z][A-Za-z0-9+.-]*:\/\/|git\+)/;

/**
 * requirements.txt and friends: only exact pins (==, ===) can be matched against advisories; ranges, URLs, paths,
 * options and includes (-r, -c) are skipped without a warning because they are legal.
 */
export function parseRequirements(file: string, text: string): LockfileContents {
  const packages: Package[] = [];
  const warnings: LockfileContents['warnings'] = [];
  for (const { text: logical, line } of logicalLines(text)) {
    const requirement = logical.replace(/(^|\s)#.*$/, '').trim();
    if (requirement === '' || NOT_A_NAME.test(requirement)) continue;
    const match = REQUIREMENT.exec(requirement);
    if (!match) {
      warnings.push({ file, line, message: 'cannot parse requirement' });
      continue;
    }
    const [, name, rest] = match as unknown as [string, string, string];
    if (/^@/.test(rest)) continue;
    const specifiers = (rest.split(';')[0] ?? '').replace(/\s--?\S.*$/, '').split(',').map((s) => s.trim()).filter(Boolean);
    const pin = specifiers.length === 1 ? /^===?\s*([^\s*]+)$/.exec(specifiers[0] as string) : null;
    if (pin) packages.push({ ecosystem: 'PyPI', name, version: pin[1] as string, file, line });
  }
  return { packages, warnings };
}

/** Joins backslash continuations; each logical line keeps the number of its first physical line. */
function logicalLines(text: string): { text: string; line: number }[] {
  const result: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const continued = raw.endsWith('\\');
    const piece = continued ? raw.slice(0, -1) : raw;
    pending = pending ? { text: `${pending.text} ${piece}`, line: pending.line } : { text: piece, line: index + 1 };
    if (!continued) {
      result.push(pending);
      pending = undefined;
    }
  });
  if (pending) result.push(pending);
  return result;
}
