import { semverOrdering } from './semver-ordering';
import type { VersionOrdering } from './ordering';

/**
 * Go module versions are SemVer with a leading "v" (OSV drops it); pseudo-versions are prereleases and
 * "+incompatible" is build metadata, so both already order correctly once the "v" is gone.
 */
export const goOrdering: VersionOrdering = {
  valid: (version) => semverOrdering.valid(withoutV(version)),
  compare: (a, b) => semverOrdering.compare(withoutV(a), withoutV(b)),
};

function withoutV(version: string): string {
  return version.replace(/^v/, '');
}
