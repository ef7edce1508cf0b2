/** A Dockerfile instruction parser following BuildKit's rules for directives, continuations, comments and heredocs. */

export interface Heredoc {
  name: string;
  body: string;
}

export interface Instruction {
  keyword: string; // upper case
  /** The arguments as one logical line: continuations joined, comment lines inside them dropped. */
  args: string;
  /** Exec (JSON array) form, when the arguments are one. */
  exec?: string[];
  heredocs: Heredoc[];
  offset: number; // where the keyword starts
}

export interface DockerfileProblem {
  offset: number;
  message: string;
}

const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const DIRECTIVE = /^#\s*([A-Za-z][\w-]*)\s*=\s*(.*?)\s*$/;
const HEREDOC = /(?<!<)<<(-?)(["']?)([A-Za-z_][\w.-]*)\2/g;

interface PhysicalLine {
  text: string;
  offset: number;
}

function physicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    lines.push({ text: raw.replace(/\r$/, ''), offset });
    offset += raw.length + 1;
  }
  return lines;
}

/** The escape character from a leading `# escape=` directive; directives end at the first other line. */
function escapeCharacter(lines: PhysicalLine[], problems: DockerfileProblem[]): string {
  let escape = '\\';
  for (const line of lines) {
    const directive = DIRECTIVE.exec(line.text);
    if (!directive) break;
    if (directive[1].toLowerCase() !== 'escape') continue;
    if (directive[2] === '\\' || directive[2] === '`') escape = directive[2];
    else problems.push({ offset: line.offset, message: `invalid escape directive "${directive[2]}": must be \\ or \`` });
  }
  return escape;
}

const isComment = (text: string) => /^\s*#/.test(text);

function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function parseDockerfile(text: string): { instructions: Instruction[]; problems: DockerfileProblem[] } {
  const problems: DockerfileProblem[] = [];
  const lines = physicalLines(text);
  const escape = escapeCharacter(lines, problems);
  const instructions: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i];
    if (first.text.trim() === '' || isComment(first.text)) {
      i++;
      continue;
    }
    let logical = '';
    let line = first.text.trimStart();
    for (;;) {
      const trimmed = line.trimEnd();
      const continues = trimmed.endsWith(escape);
      logical += continues ? trimmed.slice(0, -1) : line;
      i++;
      if (!continues) break;
      while (i < lines.length && (lines[i].text.trim() === '' || isComment(lines[i].text))) i++;
      if (i >= lines.length) break;
      line = lines[i].text;
    }
    const offset = first.offset + (first.text.length - first.text.trimStart().length);
    const match = /^(\S+)\s*([\s\S]*)$/.exec(logical)!;
    const keyword = match[1].toUpperCase();
    const args = match[2].trim();
    if (!KEYWORDS.has(keyword)) problems.push({ offset, message: `unknown instruction "${match[1]}"` });
    const heredocs: Heredoc[] = [];
    if (HEREDOC_KEYWORDS.has(keyword) && !args.startsWith('[')) {
      for (const [, strip, , name] of args.matchAll(HEREDOC)) {
        const body: string[] = [];
        let closed = false;
        while (i < lines.length) {
          const bodyLine = strip ? lines[i].text.replace(/^\t+/, '') : lines[i].text;
          i++;
          if (bodyLine === name) {
            closed = true;
            break;
          }
          body.push(bodyLine);
        }
        if (!closed) problems.push({ offset, message: `heredoc <<${name} is never closed` });
        heredocs.push({ name, body: body.join('\n') });
      }
    }
    instructions.push({ keyword, args, exec: execForm(args), heredocs, offset });
  }
  return { instructions, problems };
}
