import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KID_PATTERN, KID_RULE } from './format';
import { generateSigningKeyPair, issueLicense } from './signing';

/**
 * The vendor's tool, shipped apart from biz (dist/biz-license-vendor.js): makes signing key pairs and issues keys.
 * Exit codes: 0 ok, 1 failed, 2 usage.
 */
const USAGE = `usage:
  biz-license-vendor keygen --kid <kid> --out <dir>
      writes <dir>/<kid>.private.pem (mode 0600) and prints the public key for src/license/trusted-keys.ts
  biz-license-vendor issue --key <private.pem> --kid <kid> --payload <file.json>
      prints a license key for the payload (id, customer, plan, entitlements, seats, issuedAt, notBefore,
      expiresAt, graceDays, optional machine, optional requiredIssuer)
`;

class VendorUsageError extends Error {}

function options(argv: string[], names: string[]): Record<string, string> {
  const { values } = parseArgs({ args: argv, options: Object.fromEntries(names.map((n) => [n, { type: 'string' }])), strict: true });
  for (const name of names) if (typeof values[name] !== 'string') throw new VendorUsageError(`--${name} is required`);
  return values as Record<string, string>;
}

function keygen(argv: string[]): void {
  const { kid, out } = options(argv, ['kid', 'out']);
  if (!KID_PATTERN.test(kid)) throw new VendorUsageError(`invalid kid "${kid}": ${KID_RULE}`);
  const pair = generateSigningKeyPair();
  const path = join(out, `${kid}.private.pem`);
  mkdirSync(out, { recursive: true });
  writeFileSync(path, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  process.stderr.write(`Wrote ${path} (mode 0600): keep it secret and out of every repository.\nAdd this line to PRODUCTION_LICENSE_KEYS in src/license/trusted-keys.ts:\n`);
  process.stdout.write(`  '${kid}': '${pair.publicKey}',\n`);
}

function issue(argv: string[]): void {
  const { key, kid, payload } = options(argv, ['key', 'kid', 'payload']);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(payload, 'utf8'));
  } catch (err) {
    throw new Error(`${payload}: ${(err as Error).message}`, { cause: err });
  }
  process.stdout.write(`${issueLicense(json, readFileSync(key, 'utf8'), kid)}\n`);
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'keygen') keygen(rest);
    else if (command === 'issue') issue(rest);
    else throw new VendorUsageError(command ? `unknown command "${command}"` : 'a command is required');
    return 0;
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    const usage = err instanceof VendorUsageError || (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    if (usage) process.stderr.write(USAGE);
    return usage ? 2 : 1;
  }
}

process.exitCode = main(process.argv.slice(2));
