import type { LockfileContents, Package } from '../package';

const SPEC = /^ {4}([^\s(]+) \(([^)]+)\)$/;

/** Gemfile.lock: the `specs:` of each GEM section; GIT and PATH gems are not rubygems.org releases. */
export function parseGemfileLock(file: string, text: string): LockfileContents {
  const packages: Package[] = [];
  const warnings: LockfileContents['warnings'] = [];
  let section = '';
  let inSpecs = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    if (!raw.startsWith(' ')) {
      section = raw.trim();
      inSpecs = false;
      return;
    }
    if (section !== 'GEM') return;
    if (/^ {2}\S/.test(raw)) {
      inSpecs = raw.trim() === 'specs:';
      return;
    }
    if (!inSpecs || !/^ {4}\S/.test(raw)) return;
    const spec = SPEC.exec(raw);
    if (!spec) {
      warnings.push({ file, line, message: 'cannot parse Gemfile.lock: expected "<gem> (<version>)"' });
      return;
    }
    // "1.13.4-x86_64-linux": the platform follows the first dash.
    const version = (spec[2] as string).split('-')[0] as string;
    packages.push({ ecosystem: 'RubyGems', name: spec[1] as string, version, file, line });
  });
  return { packages, warnings };
}
