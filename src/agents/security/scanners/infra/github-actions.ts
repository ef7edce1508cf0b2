import type { RuleMeta } from '../../findings';
import type { FindingCollector } from '../../finding-collector';
import { PULL_REQUEST_HEAD, secretExpressions, untrustedExpressions } from './github-expressions';
import { describePin, imagePin, isUnpinned } from './image-ref';
import { printedSecretVariables } from './printed-secrets';
import { RULES } from './rules';
import { scriptLines } from './script-lines';
import { loggedPrints } from './shell';
import type { YamlDoc, YamlEntry, YamlNode } from './yaml-view';

/** Triggers that run with a write token and secrets even for pull requests from forks. */
const PRIVILEGED_TRIGGERS = new Set(['pull_request_target', 'workflow_run']);
const FULL_SHA = /^[0-9a-f]{40}$/i;
const OFFICIAL_OWNERS = new Set(['actions', 'github']);

export function checkWorkflowDocument(doc: YamlDoc, out: FindingCollector): void {
  const root = doc.root;
  if (!doc.isMap(root)) return;
  const privileged = triggers(doc, doc.get(root, 'on')?.value ?? null).some((t) => PRIVILEGED_TRIGGERS.has(t));
  checkPermissions(doc, doc.get(root, 'permissions'), 'permissions', out);
  for (const { key: id, value: job } of doc.entries(doc.at(root, 'jobs'))) {
    const where = `jobs.${id}`;
    checkPermissions(doc, doc.get(job, 'permissions'), `${where}.permissions`, out);
    checkUses(doc, doc.get(job, 'uses'), `${where}.uses`, out);
    checkJobImages(doc, job, where, out);
    doc.items(doc.at(job, 'steps')).forEach((step, index) => checkStep(doc, step, `${where}.steps[${index}]`, privileged, out));
  }
}

/** action.yml: a composite action's steps, or a Docker action's image. */
export function checkActionDocument(doc: YamlDoc, out: FindingCollector): void {
  const runs = doc.at(doc.root, 'runs');
  const image = doc.get(runs, 'image');
  if (doc.str(image?.value)?.startsWith('docker://')) checkUses(doc, image, 'runs.image', out);
  doc.items(doc.at(runs, 'steps')).forEach((step, index) => checkStep(doc, step, `runs.steps[${index}]`, false, out));
}

function triggers(doc: YamlDoc, on: YamlNode | null): string[] {
  const single = doc.str(on);
  if (single !== undefined) return [single];
  if (doc.isMap(on)) return doc.entries(on).map((e) => e.key);
  return doc.items(on).flatMap((item) => doc.str(item) ?? []);
}

function checkPermissions(doc: YamlDoc, permissions: YamlEntry | undefined, where: string, out: FindingCollector): void {
  if (permissions && doc.str(permissions.value) === 'write-all') {
    out.add(RULES.ghaWriteAllPermissions, doc.offset(permissions.keyNode), `${where}=write-all`, `${where} grants the token write access to everything`);
  }
}

function checkUses(doc: YamlDoc, uses: YamlEntry | undefined, where: string, out: FindingCollector): void {
  const ref = doc.str(uses?.value);
  if (!uses || ref === undefined || ref.startsWith('./')) return;
  const add = (rule: RuleMeta, message: string) => out.add(rule, doc.offset(uses.value), `${where}=${ref}`, `${where}: ${message}`);
  if (ref.startsWith('docker://')) {
    if (imagePin(ref.slice('docker://'.length)) !== 'digest') add(RULES.ghaUnpinnedAction, `${ref} is not pinned to an image digest`);
    return;
  }
  const at = ref.lastIndexOf('@');
  const version = at === -1 ? '' : ref.slice(at + 1);
  if (FULL_SHA.test(version)) return;
  const owner = ref.split('/')[0].toLowerCase();
  const rule = OFFICIAL_OWNERS.has(owner) ? RULES.ghaUnpinnedOfficialAction : RULES.ghaUnpinnedAction;
  add(rule, version ? `${ref} is pinned to the movable ref "${version}", not a commit SHA` : `${ref} names no version at all`);
}

/** `container:` (a string or {image}) and `services.<id>.image`. */
function checkJobImages(doc: YamlDoc, job: YamlNode | null, where: string, out: FindingCollector): void {
  const container = doc.get(job, 'container');
  const images: [YamlNode | null, string][] = [];
  if (container) images.push([doc.isMap(container.value) ? (doc.get(container.value, 'image')?.value ?? null) : container.value, `${where}.container`]);
  for (const { key, value } of doc.entries(doc.at(job, 'services'))) {
    images.push([doc.isMap(value) ? (doc.get(value, 'image')?.value ?? null) : value, `${where}.services.${key}`]);
  }
  for (const [node, imageWhere] of images) {
    const image = doc.str(node);
    if (image === undefined) continue;
    const pin = imagePin(image);
    if (isUnpinned(pin)) out.add(RULES.ghaUnpinnedImage, doc.offset(node), `${imageWhere}=${image}`, `${imageWhere}: ${describePin(image, pin)}`);
  }
}

function checkStep(doc: YamlDoc, step: YamlNode, where: string, privileged: boolean, out: FindingCollector): void {
  const uses = doc.get(step, 'uses');
  checkUses(doc, uses, `${where}.uses`, out);
  const action = (doc.str(uses?.value) ?? '').toLowerCase();
  const inputs = doc.at(step, 'with');
  if (privileged && action.startsWith('actions/checkout@')) checkCheckout(doc, inputs, where, out);
  checkScript(doc, doc.get(step, 'run')?.value ?? null, `${where}.run`, out);
  if (action.startsWith('actions/github-script@')) checkScript(doc, doc.get(inputs, 'script')?.value ?? null, `${where}.with.script`, out);
}

function checkCheckout(doc: YamlDoc, inputs: YamlNode | null, where: string, out: FindingCollector): void {
  for (const key of ['ref', 'repository']) {
    const input = doc.get(inputs, key);
    const value = doc.str(input?.value);
    if (!input || value === undefined || !PULL_REQUEST_HEAD.test(value)) continue;
    out.add(
      RULES.ghaUntrustedCheckout,
      doc.offset(input.keyNode),
      `${where}.with.${key}=${value}`,
      `${where} checks out the pull request head (${key}: ${value}) in a workflow triggered by pull_request_target or workflow_run`,
    );
  }
}

function checkScript(doc: YamlDoc, script: YamlNode | null, where: string, out: FindingCollector): void {
  for (const line of scriptLines(doc, script)) {
    for (const expression of untrustedExpressions(line.text)) {
      out.add(RULES.ghaScriptInjection, line.offset, `${where} ${expression.text}`, `${where} pastes ${expression.text} into the script; pass it through env: instead`);
    }
    const printedExpressions = loggedPrints(line.text).flatMap((print) =>
      print.text.includes('::add-mask::') ? [] : secretExpressions(print.text).map((e) => e.text),
    );
    const printed = [...printedExpressions, ...printedSecretVariables(line.text).map((e) => `$${e.name}`)];
    for (const secret of printed) {
      out.add(RULES.ghaSecretEchoed, line.offset, `${where} ${secret}`, `${where} prints ${secret} to the workflow log`);
    }
  }
}
