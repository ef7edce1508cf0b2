import type { RuleMeta } from '../../findings';
import type { FindingCollector } from '../../finding-collector';
import { describePin, imagePin, isUnpinned } from './image-ref';
import { printedSecretVariables } from './printed-secrets';
import { RULES } from './rules';
import { scriptLines } from './script-lines';
import { evaluatesCode, expansions, Quote, shellCommands } from './shell';
import type { YamlDoc, YamlNode } from './yaml-view';

/** Top-level keys that are not jobs. */
const GLOBAL_KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'spec', 'image', 'services', 'cache', 'before_script', 'after_script']);
const SCRIPT_KEYS = ['before_script', 'script', 'after_script'];
/** Predefined variables whose text is written by whoever pushes a commit or opens a merge request. */
const UNTRUSTED_VARIABLES = new Set([
  'CI_MERGE_REQUEST_TITLE',
  'CI_MERGE_REQUEST_DESCRIPTION',
  'CI_COMMIT_MESSAGE',
  'CI_COMMIT_TITLE',
  'CI_COMMIT_DESCRIPTION',
  'CI_COMMIT_TAG_MESSAGE',
]);

export function checkGitlabCiDocument(doc: YamlDoc, out: FindingCollector): void {
  const root = doc.root;
  if (!doc.isMap(root)) return;
  checkJob(doc, root, 'global', out);
  for (const { key, value } of doc.entries(root)) {
    if (key === 'include') checkIncludes(doc, value, out);
    else if (key === 'default') checkJob(doc, value, 'default', out);
    else if (!GLOBAL_KEYWORDS.has(key) && doc.isMap(value)) checkJob(doc, value, key, out);
  }
}

function checkJob(doc: YamlDoc, job: YamlNode | null, name: string, out: FindingCollector): void {
  const image = doc.get(job, 'image')?.value ?? null;
  checkImage(doc, image, `${name}.image`, out);
  doc.items(doc.at(job, 'services')).forEach((service, index) => checkImage(doc, service, `${name}.services[${index}]`, out));
  for (const key of SCRIPT_KEYS) {
    for (const line of scriptLines(doc, doc.get(job, key)?.value ?? null)) checkScriptLine(line.text, line.offset, `${name}.${key}`, out);
  }
}

/** `image: name:tag` or `image: {name: name:tag}`. */
function checkImage(doc: YamlDoc, node: YamlNode | null, where: string, out: FindingCollector): void {
  const nameNode = doc.isMap(node) ? (doc.get(node, 'name')?.value ?? null) : node;
  const image = doc.str(nameNode);
  if (image === undefined) return;
  const pin = imagePin(image);
  if (isUnpinned(pin)) out.add(RULES.gitlabUnpinnedImage, doc.offset(nameNode), `${where}=${image}`, `${where}: ${describePin(image, pin)}`);
}

function checkIncludes(doc: YamlDoc, node: YamlNode | null, out: FindingCollector): void {
  const includes = doc.isMap(node) || doc.str(node) !== undefined ? [node!] : doc.items(node);
  for (const include of includes) {
    const shorthand = doc.str(include);
    if (shorthand !== undefined) {
      if (/^https?:\/\//i.test(shorthand)) remoteInclude(doc, include, shorthand, out);
      continue;
    }
    const remote = doc.get(include, 'remote');
    const url = doc.str(remote?.value);
    if (remote && url !== undefined) remoteInclude(doc, remote.keyNode, url, out);
    const project = doc.get(include, 'project');
    const projectName = doc.str(project?.value);
    if (project && projectName !== undefined && doc.get(include, 'ref') === undefined) {
      out.add(RULES.gitlabUnpinnedInclude, doc.offset(project.keyNode), `include.project=${projectName}`, `include of project ${projectName} has no ref, so it follows that project's default branch`);
    }
  }
}

function remoteInclude(doc: YamlDoc, at: YamlNode, url: string, out: FindingCollector): void {
  out.add(RULES.gitlabRemoteInclude, doc.offset(at), `include.remote=${url}`, `pipeline configuration is fetched from ${url} at every run`);
}

function checkScriptLine(line: string, offset: number, where: string, out: FindingCollector): void {
  const add = (rule: RuleMeta, name: string, message: string) => out.add(rule, offset, `${where} ${name}: ${line.trim()}`, message);
  for (const printed of printedSecretVariables(line)) {
    add(RULES.gitlabSecretEchoed, printed.name, `${where} prints $${printed.name} to the job log`);
  }
  const commands = shellCommands(line);
  for (const expansion of expansions(line)) {
    if (!UNTRUSTED_VARIABLES.has(expansion.name)) continue;
    const command = commands.find((c) => expansion.index >= c.start && expansion.index < c.end);
    if (command && evaluatesCode(command)) {
      add(RULES.gitlabScriptInjection, expansion.name, `${where} passes $${expansion.name} to ${command.program}, which runs it as shell code`);
    } else if (expansion.quote === Quote.None) {
      add(RULES.gitlabScriptInjection, expansion.name, `${where} expands $${expansion.name} unquoted: its text is split into words and globbed`);
    }
  }
}
