import type { TrustedKeys } from './verify';

/**
 * The public keys biz trusts, by kid (raw Ed25519 public keys, base64url), compiled in: no environment variable or
 * config adds one. To rotate, add the new kid beside the old and remove the old once its keys have expired.
 * The private half of each lives only with the vendor (biz-license-vendor keygen); before a release the vendor
 * replaces this placeholder pair, whose private key was discarded when it was made, with its own.
 */
export const PRODUCTION_LICENSE_KEYS: TrustedKeys = Object.freeze({
  'biz-2025-1': 'zz1VFrc7Y-vb4uitqf_TL_Q_W6yN8UA97M9KQP9sYrM',
});

/** JSON of extra keys compiled into the test build only (.cache/dist-test, scripts/build.mjs); "{}" in every other build. */
declare const BIZ_TEST_LICENSE_KEYS: string | undefined;

/** What the CLI verifies against. A test key can never replace a production kid. */
export const TRUSTED_LICENSE_KEYS: TrustedKeys = Object.freeze({
  ...(typeof BIZ_TEST_LICENSE_KEYS === 'undefined' ? {} : (JSON.parse(BIZ_TEST_LICENSE_KEYS) as Record<string, string>)),
  ...PRODUCTION_LICENSE_KEYS,
});
