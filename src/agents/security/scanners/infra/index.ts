import type { FileScanner, Finding, ScanWarning, SourceFile } from '../../findings';
import { FindingCollector } from '../../finding-collector';
import { checkDockerfile } from './dockerfile/check';
import { parseDockerfile } from './dockerfile/parse';
import { infraFileKind, type InfraFileKind } from './file-kind';
import { checkActionDocument, checkWorkflowDocument } from './github-actions';
import { checkGitlabCiDocument } from './gitlab-ci';
import { checkKubernetesDocument, mayBeKubernetes } from './kubernetes';
import { INFRA_RULES } from './rules';
import { parseYamlDocuments, type YamlDoc } from './yaml-view';

export { INFRA_RULES } from './rules';

type Warn = (warning: ScanWarning) => void;

const YAML_CHECKS: Record<Exclude<InfraFileKind, 'dockerfile'>, (doc: YamlDoc, out: FindingCollector) => void> = {
  'gitlab-ci': checkGitlabCiDocument,
  'github-workflow': checkWorkflowDocument,
  'github-action': checkActionDocument,
  yaml: checkKubernetesDocument,
};

function scanDockerfile(file: SourceFile, out: FindingCollector, warn: Warn): void {
  const { instructions, problems } = parseDockerfile(file.text);
  for (const problem of problems) warn({ file: file.path, line: out.lineOf(problem.offset), message: `Dockerfile: ${problem.message}` });
  checkDockerfile(instructions, out);
}

/**
 * Generic YAML is only parsed when it could hold Kubernetes objects; a template that is not YAML yet (Helm's
 * `{{ }}`) is skipped without a warning, since it only becomes a manifest once rendered.
 */
function scanYaml(kind: keyof typeof YAML_CHECKS, file: SourceFile, out: FindingCollector, warn: Warn): void {
  if (kind === 'yaml' && !mayBeKubernetes(file.text)) return;
  const templated = kind === 'yaml' && file.text.includes('{{');
  const docs = parseYamlDocuments(file, templated ? () => {} : warn);
  for (const doc of docs) YAML_CHECKS[kind](doc, out);
}

export function createInfraScanner(): FileScanner {
  return {
    name: 'infrastructure',
    rules: INFRA_RULES,
    accepts: (path) => infraFileKind(path) !== undefined,
    scan(file: SourceFile, warn: Warn): Finding[] {
      const kind = infraFileKind(file.path);
      if (!kind) return [];
      const out = new FindingCollector(file.path, file.text);
      if (kind === 'dockerfile') scanDockerfile(file, out, warn);
      else scanYaml(kind, file, out, warn);
      return out.findings();
    },
  };
}
