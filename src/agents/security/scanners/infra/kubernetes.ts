import type { RuleMeta } from '../../findings';
import type { FindingCollector } from '../../finding-collector';
import { describePin, imagePin, isUnpinned } from './image-ref';
import { RULES } from './rules';
import { yamlBool, type YamlDoc, type YamlEntry, type YamlNode } from './yaml-view';

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const CONTAINER_FIELDS = ['initContainers', 'containers'];
const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'];
const DANGEROUS_CAPABILITIES = new Set(['SYS_ADMIN', 'NET_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'ALL']);
const SENSITIVE_EXACT = new Set([
  '/', '/var', '/run', '/var/run', '/var/run/docker.sock', '/run/docker.sock', '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '/run/crio/crio.sock',
]);
const SENSITIVE_TREES = ['/etc', '/proc', '/sys', '/root', '/boot', '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd'];

/** The file may hold Kubernetes objects (both keys at the top level of a document): worth parsing. */
export function mayBeKubernetes(text: string): boolean {
  return /^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text);
}

export function checkKubernetesDocument(doc: YamlDoc, out: FindingCollector): void {
  checkObject(doc, doc.root, out);
}

function checkObject(doc: YamlDoc, object: YamlNode | null, out: FindingCollector): void {
  const kind = doc.str(doc.at(object, 'kind'));
  if (kind === undefined || doc.get(object, 'apiVersion') === undefined) return;
  if (kind.endsWith('List')) {
    for (const item of doc.items(doc.at(object, 'items'))) checkObject(doc, item, out);
    return;
  }
  const path = POD_SPEC_PATHS[kind];
  const spec = path ? doc.at(object, ...path) : null;
  if (!doc.isMap(spec)) return;
  const name = doc.str(doc.at(object, 'metadata', 'name')) ?? doc.str(doc.at(object, 'metadata', 'generateName')) ?? '';
  checkPodSpec(doc, spec!, `${kind}/${name}`, out);
}

const truthy = (doc: YamlDoc, entry: YamlEntry | undefined) => entry !== undefined && yamlBool(doc.str(entry.value)) === true;

function checkPodSpec(doc: YamlDoc, spec: YamlNode, object: string, out: FindingCollector): void {
  for (const key of HOST_NAMESPACES) {
    const entry = doc.get(spec, key);
    if (truthy(doc, entry)) out.add(RULES.k8sHostNamespace, doc.offset(entry!.keyNode), `${object} ${key}=true`, `${object} sets ${key}: true`);
  }
  for (const volume of doc.items(doc.at(spec, 'volumes'))) {
    const path = doc.get(doc.at(volume, 'hostPath'), 'path');
    const value = doc.str(path?.value);
    if (!path || value === undefined) continue;
    const volumeName = doc.str(doc.at(volume, 'name')) ?? '';
    const rule = isSensitiveHostPath(value) ? RULES.k8sSensitiveHostPath : RULES.k8sHostPath;
    out.add(rule, doc.offset(path.keyNode), `${object} volumes[${volumeName}].hostPath=${value}`, `${object} mounts the node path ${value} (volume ${volumeName})`);
  }
  const podContext = doc.at(spec, 'securityContext');
  for (const field of CONTAINER_FIELDS) {
    doc.items(doc.at(spec, field)).forEach((container, index) => {
      const label = `${object} ${field}[${doc.str(doc.at(container, 'name')) ?? index}]`;
      checkContainer(doc, container, podContext, label, out);
    });
  }
}

function isSensitiveHostPath(path: string): boolean {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return SENSITIVE_EXACT.has(normalised) || SENSITIVE_TREES.some((tree) => normalised === tree || normalised.startsWith(`${tree}/`));
}

const capabilityName = (value: string) => value.toUpperCase().replace(/^CAP_/, '');

function checkContainer(doc: YamlDoc, container: YamlNode, podContext: YamlNode | null, label: string, out: FindingCollector): void {
  const start = doc.offset(container);
  const context = doc.at(container, 'securityContext');
  const setting = (key: string) => doc.get(context, key);
  const add = (rule: RuleMeta, at: YamlEntry | undefined, what: string, message: string) =>
    out.add(rule, at ? doc.offset(at.keyNode) : start, `${label} ${what}`, `${label}: ${message}`);

  const image = doc.get(container, 'image');
  const imageRef = doc.str(image?.value);
  if (imageRef !== undefined) {
    const pin = imagePin(imageRef);
    if (isUnpinned(pin)) add(RULES.k8sUnpinnedImage, image, `image=${imageRef}`, describePin(imageRef, pin));
  }

  const privileged = setting('privileged');
  if (truthy(doc, privileged)) add(RULES.k8sPrivileged, privileged, 'privileged=true', 'runs privileged');

  const escalation = setting('allowPrivilegeEscalation');
  if (yamlBool(doc.str(escalation?.value)) !== false) {
    add(RULES.k8sPrivilegeEscalation, escalation, 'allowPrivilegeEscalation', escalation ? 'allowPrivilegeEscalation is true' : 'allowPrivilegeEscalation is not set to false');
  }

  const capabilities = setting('capabilities');
  for (const item of doc.items(doc.at(capabilities?.value, 'add'))) {
    const name = capabilityName(doc.str(item) ?? '');
    const rule = DANGEROUS_CAPABILITIES.has(name) ? RULES.k8sDangerousCapability : RULES.k8sAddedCapability;
    out.add(rule, doc.offset(item), `${label} capabilities.add=${name}`, `${label}: adds the ${name} capability`);
  }
  const drop = doc.get(capabilities?.value, 'drop');
  if (!doc.items(drop?.value).some((item) => capabilityName(doc.str(item) ?? '') === 'ALL')) {
    add(RULES.k8sCapabilitiesNotDropped, drop ?? capabilities, 'capabilities.drop', 'does not drop ALL capabilities');
  }

  checkRunAsRoot(doc, context, podContext, add);

  const readOnly = setting('readOnlyRootFilesystem');
  if (!truthy(doc, readOnly)) add(RULES.k8sWritableRootFilesystem, readOnly, 'readOnlyRootFilesystem', 'readOnlyRootFilesystem is not true');

  const resources = doc.get(container, 'resources');
  const limits = doc.at(resources?.value, 'limits');
  const missing = ['cpu', 'memory'].filter((key) => doc.get(limits, key) === undefined);
  if (missing.length > 0) add(RULES.k8sMissingLimits, resources, 'resources.limits', `no ${missing.join(' or ')} limit`);
}

/** Container settings override pod settings; a non-zero runAsUser is as good as runAsNonRoot. */
function checkRunAsRoot(
  doc: YamlDoc,
  context: YamlNode | null,
  podContext: YamlNode | null,
  add: (rule: RuleMeta, at: YamlEntry | undefined, what: string, message: string) => void,
): void {
  const user = doc.get(context, 'runAsUser') ?? doc.get(podContext, 'runAsUser');
  const uid = doc.str(user?.value);
  if (uid === '0') return add(RULES.k8sRunsAsRoot, user, 'runAsUser=0', 'runAsUser is 0 (root)');
  const nonRoot = doc.get(context, 'runAsNonRoot') ?? doc.get(podContext, 'runAsNonRoot');
  if (yamlBool(doc.str(nonRoot?.value)) === true || (uid !== undefined && /^[1-9]\d*$/.test(uid))) return;
  add(RULES.k8sRunsAsRoot, nonRoot, 'runAsNonRoot', nonRoot ? 'runAsNonRoot is false and no non-zero runAsUser is set' : 'neither runAsNonRoot: true nor a non-zero runAsUser is set');
}
