import type { LockfileContents, Package } from '../package';

interface Requirement {
  name: string;
  version: string;
  line: number;
}

interface Replacement {
  from: { name: string; version?: string };
  to: { name: string; version?: string }; // no version: a local directory
  line: number;
}

/**
 * go.mod: require lines and blocks (// indirect included), with replace directives applied; a module replaced by a
 * local directory is not a published version and is left out. Versions lose their leading "v", as OSV writes them.
 */
export function parseGoMod(file: string, text: string): LockfileContents {
  const requirements: Requirement[] = [];
  const replacements: Replacement[] = [];
  const warnings: LockfileContents['warnings'] = [];
  let block: { verb: string; line: number } | undefined;

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const tokens = tokenize(raw);
    if (tokens.length === 0) return;
    if (block) {
      if (tokens[0] === ')' && tokens.length === 1) block = undefined;
      else directive(block.verb, tokens, line);
      return;
    }
    const [verb, ...args] = tokens as [string, ...string[]];
    if (args.length === 1 && args[0] === '(') block = { verb, line };
    else directive(verb, args, line);
  });
  if (block) warnings.push({ file, line: block.line, message: `cannot parse go.mod: unterminated ${block.verb} block` });

  function directive(verb: string, args: string[], line: number): void {
    if (verb === 'require') {
      if (args.length !== 2) warnings.push({ file, line, message: 'cannot parse go.mod: expected "require <module> <version>"' });
      else requirements.push({ name: args[0] as string, version: args[1] as string, line });
    } else if (verb === 'replace') {
      const replacement = parseReplacement(args, line);
      if (replacement) replacements.push(replacement);
      else warnings.push({ file, line, message: 'cannot parse go.mod: expected "replace <module> [version] => <target> [version]"' });
    }
  }

  const packages: Package[] = [];
  for (const requirement of requirements) {
    const replacement =
      replacements.find((r) => r.from.name === requirement.name && r.from.version === requirement.version) ??
      replacements.find((r) => r.from.name === requirement.name && r.from.version === undefined);
    if (replacement && replacement.to.version === undefined) continue;
    const { name, version, line } = replacement
      ? { name: replacement.to.name, version: replacement.to.version as string, line: replacement.line }
      : requirement;
    packages.push({ ecosystem: 'Go', name, version: version.replace(/^v/, ''), file, line });
  }
  return { packages, warnings };
}

function parseReplacement(args: string[], line: number): Replacement | undefined {
  const arrow = args.indexOf('=>');
  const from = args.slice(0, arrow);
  const to = args.slice(arrow + 1);
  if (arrow < 1 || from.length > 2 || to.length < 1 || to.length > 2) return undefined;
  return {
    from: { name: from[0] as string, version: from[1] },
    to: { name: to[0] as string, version: to[1] },
    line,
  };
}

/** Words of a go.mod line without its comment; quoted module paths lose their quotes. */
function tokenize(raw: string): string[] {
  const code = raw.replace(/\/\/.*$/, '').trim();
  if (code === '') return [];
  return (code.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g) ?? []).map((token) => token.replace(/^["`]|["`]$/g, ''));
}
