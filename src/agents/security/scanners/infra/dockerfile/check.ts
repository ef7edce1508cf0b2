import type { RuleMeta } from '../../../findings';
import type { FindingCollector } from '../../../finding-collector';
import { describePin, imagePin, isUnpinned } from '../image-ref';
import { RULES } from '../rules';
import { isHardcodedSecret } from '../secret-names';
import { downloadRunByShell, shellWords } from '../shell';
import type { Instruction } from './parse';

interface Stage {
  index: number;
  from: Instruction;
  image: string; // variables from global ARG defaults substituted
  name?: string;
  /** The earlier stage this one builds on (`FROM builder`). */
  parent?: Stage;
  instructions: Instruction[];
}

const SHELLS = /^(?:\/bin\/|\/usr\/bin\/)?(?:sh|bash|ash|dash|zsh)$/;
const ARCHIVE = /\.(?:tar|tar\.(?:gz|bz2|xz|zst)|tgz|tbz2?|txz)$/i;
const REMOTE = /^(?:https?:\/\/|git@)/i;

/** `$NAME`, `${NAME}` and `${NAME:-default}` from the ARG defaults declared before the first FROM. */
function substitute(text: string, args: Map<string, string>): string {
  return text.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (whole, braced: string, fallback: string | undefined, bare: string) => {
    const value = args.get(braced ?? bare);
    return value ?? fallback ?? whole;
  });
}

/** ARG and ENV arguments as name/value pairs: `A=1 B="2 3"`, or the legacy `ENV NAME value with spaces`. */
function assignments(instruction: Instruction): { name: string; value: string }[] {
  const words = shellWords(instruction.args);
  if (instruction.keyword === 'ENV' && words.length > 0 && !words[0].includes('=')) {
    return [{ name: words[0], value: words.slice(1).join(' ') }];
  }
  return words.map((word) => {
    const eq = word.indexOf('=');
    return eq === -1 ? { name: word, value: '' } : { name: word.slice(0, eq), value: word.slice(eq + 1) };
  });
}

function buildStages(instructions: Instruction[]): Stage[] {
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = shellWords(instruction.args).filter((w) => !w.startsWith('--'));
      const image = substitute(words[0] ?? '', globalArgs);
      const name = words[1]?.toLowerCase() === 'as' ? words[2]?.toLowerCase() : undefined;
      const parent = stages.find((s) => s.name !== undefined && s.name === image.toLowerCase());
      stages.push({ index: stages.length, from: instruction, image, name, parent, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword === 'ARG') for (const { name, value } of assignments(instruction)) if (value) globalArgs.set(name, value);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

/** The stage and its ancestors inside this Dockerfile, nearest first. */
function lineage(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) chain.push(s);
  return chain;
}

function stageLabel(stage: Stage): string {
  return stage.name ? `stage ${stage.name}` : `stage ${stage.index}`;
}

/** The script a RUN executes through a shell, or undefined for exec form that runs a program directly. */
function runScripts(run: Instruction): string[] {
  if (run.exec) return run.exec.length >= 3 && SHELLS.test(run.exec[0]) && run.exec[1] === '-c' ? [run.exec[2]] : [];
  const command = run.args.replace(/^(?:--\S+(?:\s+|$))+/, '');
  const scripts = [command];
  const beforeHeredoc = command.slice(0, command.indexOf('<<')).trim();
  if (run.heredocs.length > 0 && (beforeHeredoc === '' || SHELLS.test(beforeHeredoc.split(/\s+/)[0]))) {
    for (const heredoc of run.heredocs) scripts.push(...heredoc.body.replace(/\\\n/g, ' ').split('\n'));
  }
  return scripts;
}

export function checkDockerfile(instructions: Instruction[], out: FindingCollector): void {
  const stages = buildStages(instructions);
  const stageNames = new Set(stages.flatMap((s) => (s.name ? [s.name] : [])));
  for (const stage of stages) {
    checkBaseImage(stage, stageNames, out);
    for (const instruction of stage.instructions) checkInstruction(stage, instruction, out);
  }
  const final = stages.at(-1);
  if (final) {
    checkFinalUser(final, out);
    checkHealthcheck(final, out);
  }
}

function checkBaseImage(stage: Stage, stageNames: Set<string>, out: FindingCollector): void {
  const image = stage.image;
  if (image === '' || image.toLowerCase() === 'scratch' || stage.parent || stageNames.has(image.toLowerCase())) return;
  const pin = imagePin(image);
  if (!isUnpinned(pin)) return;
  out.add(RULES.dockerUnpinnedBaseImage, stage.from.offset, `${stageLabel(stage)} FROM ${image}`, `FROM ${describePin(image, pin)}`);
}

function checkInstruction(stage: Stage, instruction: Instruction, out: FindingCollector): void {
  const at = (rule: RuleMeta, what: string, message: string) => out.add(rule, instruction.offset, `${stageLabel(stage)} ${what}`, message);
  switch (instruction.keyword) {
    case 'RUN':
      for (const script of runScripts(instruction)) {
        const runner = downloadRunByShell(script);
        if (runner) at(RULES.dockerCurlPipeShell, `RUN ${script.trim()}`, `RUN executes a downloaded script with ${runner.program} without verifying it`);
      }
      break;
    case 'ADD':
      checkAdd(instruction, at);
      break;
    case 'ENV':
    case 'ARG':
      for (const { name, value } of assignments(instruction)) {
        if (!isHardcodedSecret(name, value)) continue;
        out.addSecret(value);
        at(RULES.dockerSecretInEnv, `${instruction.keyword} ${name}`, `${instruction.keyword} stores ${name} in the image with a literal value`);
      }
      break;
  }
}

function checkAdd(add: Instruction, at: (rule: RuleMeta, what: string, message: string) => void): void {
  const words = add.exec ?? shellWords(add.args);
  const flags = words.filter((w) => w.startsWith('--'));
  const sources = words.filter((w) => !w.startsWith('--')).slice(0, -1);
  if (sources.length === 0 || sources.some((s) => s.startsWith('<<'))) return;
  const remote = sources.filter((s) => REMOTE.test(s));
  if (remote.length > 0) {
    if (!flags.some((f) => f.startsWith('--checksum='))) {
      for (const url of remote) at(RULES.dockerAddRemoteUrl, `ADD ${url}`, `ADD downloads ${url} without verifying a checksum`);
    }
    return;
  }
  if (sources.some((s) => s.includes('$') || ARCHIVE.test(s))) return;
  at(RULES.dockerAddInsteadOfCopy, `ADD ${sources.join(' ')}`, `ADD copies ${sources.join(', ')}, which is not a tar archive: COPY does the same without ADD's extra behaviour`);
}

function checkFinalUser(final: Stage, out: FindingCollector): void {
  for (const stage of lineage(final)) {
    const user = stage.instructions.filter((i) => i.keyword === 'USER').at(-1);
    if (!user) continue;
    const name = (shellWords(user.args)[0] ?? '').split(':')[0];
    if (name === 'root' || name === '0') {
      out.add(RULES.dockerRootUser, user.offset, `final USER ${name}`, `the final stage runs as ${name}: USER ${user.args} is the last USER set`);
    }
    return;
  }
  const base = lineage(final).at(-1)!;
  if (/nonroot/i.test(base.image)) return;
  out.add(RULES.dockerRootUser, final.from.offset, 'final stage without USER', `the final stage (FROM ${final.image}) never sets USER, so it runs as root`);
}

function checkHealthcheck(final: Stage, out: FindingCollector): void {
  if (lineage(final).some((stage) => stage.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
  out.add(RULES.dockerMissingHealthcheck, final.from.offset, 'final stage without HEALTHCHECK', `the final stage (FROM ${final.image}) defines no HEALTHCHECK`);
}
