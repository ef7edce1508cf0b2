/** Just enough shell lexing for pipelines, quoting and redirection on one command line. */

export enum Quote {
  None = 0,
  Literal = 1, // single quotes or a backslash-escaped character: no expansion happens here
  Double = 2,
  Syntax = 3, // a quote or escaping backslash that is shell syntax, not content
}

/** The quoting in force at every character of `line`. */
export function quoteStates(line: string): Quote[] {
  const states: Quote[] = new Array(line.length);
  let state = Quote.None;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (state === Quote.Literal && ch !== "'") {
      states[i] = Quote.Literal;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length) {
      states[i] = Quote.Syntax;
      states[i + 1] = Quote.Literal;
      i++;
      continue;
    }
    if (ch === "'" && state !== Quote.Double) {
      states[i] = Quote.Syntax;
      state = state === Quote.Literal ? Quote.None : Quote.Literal;
      continue;
    }
    if (ch === '"') {
      states[i] = Quote.Syntax;
      state = state === Quote.Double ? Quote.None : Quote.Double;
      continue;
    }
    states[i] = state;
  }
  return states;
}

export interface ShellCommand {
  start: number;
  end: number;
  text: string;
  /** The program run, without its directory: `/usr/bin/curl -fsSL x` -> `curl`; after sudo and VAR=value prefixes. */
  program: string;
  args: string[];
  pipedFrom: boolean;
  pipesTo: boolean;
  /** stdout goes to a file (not to the log); `>&2` keeps it in the log. */
  stdoutRedirected: boolean;
}

const WRAPPERS = new Set(['sudo', 'exec', 'command', 'time', 'nohup', 'env']);
const ASSIGNMENT = /^[A-Za-z_]\w*=/;

/** Splits a line into simple commands at unquoted `|`, `||`, `&&`, `;` and `&`. */
export function shellCommands(line: string): ShellCommand[] {
  const states = quoteStates(line);
  const commands: ShellCommand[] = [];
  let start = 0;
  let pipedFrom = false;
  const push = (end: number, pipesTo: boolean) => {
    const text = line.slice(start, end);
    if (text.trim() !== '') commands.push(describe(text, start, end, states.slice(start, end), pipedFrom, pipesTo));
    pipedFrom = pipesTo;
  };
  for (let i = 0; i < line.length; i++) {
    if (states[i] !== Quote.None) continue;
    const ch = line[i];
    const pair = line.slice(i, i + 2);
    if (pair === '||' || pair === '&&') {
      push(i, false);
      start = i + 2;
      i++;
    } else if (ch === '|') {
      push(i, true);
      start = line[i + 1] === '&' ? i + 2 : i + 1;
    } else if (ch === ';' || (ch === '&' && line[i - 1] !== '>' && line[i + 1] !== '>')) {
      push(i, false);
      start = i + 1;
    }
  }
  push(line.length, false);
  return commands;
}

function describe(text: string, start: number, end: number, states: Quote[], pipedFrom: boolean, pipesTo: boolean): ShellCommand {
  const words = splitWords(text, states);
  let first = 0;
  const basename = (word: string) => word.replace(/^.*\//, '');
  while (first < words.length && (ASSIGNMENT.test(words[first]) || WRAPPERS.has(basename(words[first])) || (first > 0 && words[first].startsWith('-')))) {
    first++;
  }
  const program = basename(words[first] ?? '');
  return { start, end, text, program, args: words.slice(first + 1), pipedFrom, pipesTo, stdoutRedirected: redirectsStdout(text, states) };
}

/** Shell words with quotes and escapes removed; expansions are left as written. */
export function shellWords(text: string): string[] {
  return splitWords(text, quoteStates(text));
}

function splitWords(text: string, states: Quote[]): string[] {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < text.length; i++) {
    if (states[i] === Quote.None && /\s/.test(text[i])) {
      if (word) words.push(word);
      word = '';
    } else if (states[i] !== Quote.Syntax) {
      word += text[i];
    }
  }
  if (word) words.push(word);
  return words;
}

function redirectsStdout(text: string, states: Quote[]): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '>' || states[i] !== Quote.None) continue;
    const before = text[i - 1];
    if (before === '>') continue;
    if (before !== undefined && /\d/.test(before) && before !== '1') continue;
    const target = text.slice(i + 1).replace(/^>/, '').trimStart();
    if (target.startsWith('&2')) continue;
    if (target.startsWith('/dev/stdout') || target.startsWith('/dev/stderr')) continue;
    return true;
  }
  return false;
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash']);
const DOWNLOADERS = new Set(['curl', 'wget']);
const DOWNLOAD_SUBSTITUTION = /(?:\$\(|<\(|`)\s*(?:\S*\/)?(?:curl|wget)\b/;

/** The command in `script` that runs a downloaded script: `curl ... | sh`, `bash <(curl ...)`, `sh -c "$(wget ...)"`. */
export function downloadRunByShell(script: string): ShellCommand | undefined {
  const commands = shellCommands(script);
  let downloading = false;
  for (const command of commands) {
    if (!command.pipedFrom) downloading = false;
    if (SHELLS.has(command.program) && (downloading || DOWNLOAD_SUBSTITUTION.test(command.text))) return command;
    if (DOWNLOADERS.has(command.program)) downloading = true;
  }
  return undefined;
}

const PRINTERS = new Set(['echo', 'printf']);

/** echo and printf commands whose output ends up in the log: not piped on, not redirected to a file. */
export function loggedPrints(line: string): ShellCommand[] {
  return shellCommands(line).filter((c) => PRINTERS.has(c.program) && !c.pipesTo && !c.stdoutRedirected);
}

export interface Expansion {
  name: string;
  index: number; // of the `$`
  quote: Quote.None | Quote.Double;
}

/** `$NAME` and `${NAME...}` expansions the shell performs on this line (not those in single quotes or escaped). */
export function expansions(line: string): Expansion[] {
  const states = quoteStates(line);
  const found: Expansion[] = [];
  for (const match of line.matchAll(/\$(?:\{([A-Za-z_]\w*)|([A-Za-z_]\w*))/g)) {
    const quote = states[match.index];
    if (quote === Quote.None || quote === Quote.Double) found.push({ name: match[1] ?? match[2], index: match.index, quote });
  }
  return found;
}

/** A command that runs its argument text as shell code: eval, sh -c, bash -c. */
export function evaluatesCode(command: ShellCommand): boolean {
  return command.program === 'eval' || (SHELLS.has(command.program) && command.args.some((a) => /^-\w*c\w*$/.test(a)));
}
