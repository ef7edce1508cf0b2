import type { Command } from 'commander';
import { UsageError } from '../core/errors';
import { buildProgram } from '../program';

interface Node {
  path: string[];
  subcommands: string[];
  options: string[];
  description: string;
}

function walk(cmd: Command, path: string[] = []): Node[] {
  const subs = cmd.commands as Command[];
  const node: Node = {
    path,
    subcommands: subs.map((c) => c.name()),
    options: cmd.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f))).concat('--help'),
    description: cmd.description(),
  };
  return [node, ...subs.flatMap((c) => walk(c, [...path, c.name()]))];
}

function bash(nodes: Node[]): string {
  const cases = nodes
    .map((n) => `    "${n.path.join(' ')}") words="${[...n.subcommands, ...n.options].join(' ')}" ;;`)
    .join('\n');
  return `# bash completion for biz
_biz() {
  local cur path="" i w
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ $w == -* ]] && continue
    case " $(_biz_subs "$path") " in *" $w "*) path="\${path:+$path }$w" ;; esac
  done
  local words=""
  case "$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
_biz_subs() {
  case "$1" in
${nodes.map((n) => `    "${n.path.join(' ')}") echo "${n.subcommands.join(' ')}" ;;`).join('\n')}
  esac
}
complete -o default -F _biz biz
`;
}

function zsh(nodes: Node[]): string {
  return `#compdef biz
_biz() {
  local -a path_words
  local w
  for w in \${words[2,CURRENT-1]}; do [[ $w == -* ]] || path_words+=$w; done
  local key="\${(j: :)path_words}"
  case "$key" in
${nodes
  .map((n) => `    "${n.path.join(' ')}") compadd -- ${[...n.subcommands, ...n.options].join(' ')} ;;`)
  .join('\n')}
  esac
}
compdef _biz biz
`;
}

function fish(nodes: Node[]): string {
  const lines = ['# fish completion for biz', 'complete -c biz -f'];
  for (const n of nodes) {
    const cond = n.path.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${n.path[n.path.length - 1]}`;
    for (const sub of n.subcommands) lines.push(`complete -c biz -n '${cond}' -a ${sub}`);
    for (const opt of n.options.filter((o) => o.startsWith('--'))) lines.push(`complete -c biz -n '${cond}' -l ${opt.slice(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

export default async function completion([shell]: string[]): Promise<number> {
  const nodes = walk(buildProgram());
  const generators: Record<string, (n: Node[]) => string> = { bash, zsh, fish };
  const generate = generators[shell];
  if (!generate) throw new UsageError(`unsupported shell "${shell}"`, 'Use bash, zsh or fish.');
  process.stdout.write(generate(nodes));
  return 0;
}
