import semver from 'semver';
import type { VersionOrdering } from './ordering';

/** SemVer 2.0 (npm, crates.io, SEMVER ranges): prereleases sort before their release, build metadata is ignored. */
export const semverOrdering: VersionOrdering = {
  valid: (version) => semver.valid(version, { loose: true }) !== null,
  compare: (a, b) => semver.compare(a, b, { loose: true }),
};
