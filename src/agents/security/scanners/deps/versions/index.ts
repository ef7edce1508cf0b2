import type { Ecosystem } from '../package';
import { goOrdering } from './go-ordering';
import type { VersionOrdering } from './ordering';
import { packagistOrdering } from './packagist-ordering';
import { pypiOrdering } from './pypi-ordering';
import { rubygemsOrdering } from './rubygems-ordering';
import { semverOrdering } from './semver-ordering';

export type { VersionOrdering } from './ordering';
export { semverOrdering } from './semver-ordering';

const ORDERINGS: Record<Ecosystem, VersionOrdering> = {
  npm: semverOrdering,
  'crates.io': semverOrdering,
  Go: goOrdering,
  PyPI: pypiOrdering,
  RubyGems: rubygemsOrdering,
  Packagist: packagistOrdering,
};

export function orderingFor(ecosystem: Ecosystem): VersionOrdering {
  return ORDERINGS[ecosystem];
}
