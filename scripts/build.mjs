// Bundles the CLI with esbuild. Every dynamic import() becomes its own chunk, so `biz --help` loads only the
// launcher and commander; better-sqlite3 stays external because it is a native addon.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

// BIZ_BUILD_TEST_LICENSE_KEYS names a JSON file of extra license public keys ({ "<kid>": "<key>" }) for end-to-end
// tests of valid keys: the bundle then goes to .cache/dist-test/ with those keys trusted. dist/ never has them.
const testLicenseKeysFile = process.env.BIZ_BUILD_TEST_LICENSE_KEYS;
const testLicenseKeys = testLicenseKeysFile ? JSON.stringify(JSON.parse(readFileSync(testLicenseKeysFile, 'utf8'))) : '{}';

await build({
  entryPoints: { cli: 'src/cli.ts', 'scan-worker': 'src/agents/security/worker.ts', 'biz-license-vendor': 'src/license/vendor-cli.ts' },
  outdir: testLicenseKeysFile ? '.cache/dist-test' : 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // Smaller bundles parse faster: it is most of what `biz --help` costs over a bare node.
  minify: true,
  keepNames: true,
  external: ['better-sqlite3', '@napi-rs/keyring'],
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: "import { createRequire as __bizCreateRequire } from 'node:module'; const require = __bizCreateRequire(import.meta.url);",
  },
  define: { BIZ_VERSION: JSON.stringify(version), BIZ_TEST_LICENSE_KEYS: JSON.stringify(testLicenseKeys) },
  logLevel: 'warning',
});

// The idle check of the cron entries, as CommonJS for the CommonJS launcher (bin/biz.js): no ES module loader at all.
await build({
  entryPoints: ['src/cron-idle.ts'],
  outfile: `${testLicenseKeysFile ? '.cache/dist-test' : 'dist'}/cron-idle.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  external: ['better-sqlite3'],
  define: { 'import.meta.url': '__bizModuleUrl' },
  banner: { js: "const __bizModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
