import { compare, valid } from '@renovatebot/pep440';
import type { VersionOrdering } from './ordering';

/** PEP 440: 2.0.0a1 < 2.0.0rc1 < 2.0.0 < 2.0.0.post1, and 1.0 == 1.0.0. */
export const pypiOrdering: VersionOrdering = {
  valid: (version) => valid(version) !== null,
  compare: (a, b) => compare(a, b),
};
