export type InfraFileKind = 'dockerfile' | 'gitlab-ci' | 'github-workflow' | 'github-action' | 'yaml';

const YAML = /\.ya?ml$/i;
/** Dockerfile.<something> names that are documentation, data or build-context files rather than Dockerfiles. */
const NOT_DOCKERFILE = /\.(?:dockerignore|md|rst|txt|json|ya?ml|sh|ps1|bak|orig)$/i;

/** What kind of infrastructure file a path names, from the name alone; undefined for everything else. */
export function infraFileKind(path: string): InfraFileKind | undefined {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const lower = base.toLowerCase();
  const dockerfile = lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile';
  if (dockerfile && !NOT_DOCKERFILE.test(lower)) {
    return 'dockerfile';
  }
  if (!YAML.test(base)) return undefined;
  if (lower === '.gitlab-ci.yml' || lower.endsWith('.gitlab-ci.yml') || lower.endsWith('.gitlab-ci.yaml')) return 'gitlab-ci';
  if (lower === 'action.yml' || lower === 'action.yaml') return 'github-action';
  if (path.slice(0, slash + 1).endsWith('.github/workflows/')) return 'github-workflow';
  return 'yaml';
}
