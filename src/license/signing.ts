import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { KID_PATTERN, KID_RULE, MAX_KEY_BYTES, signedText } from './format';
import { describeIssues, licensePayloadSchema } from './payload';

/** Vendor side: key pairs and issuing keys. biz itself never imports this module. */
export interface SigningKeyPair {
  privateKeyPem: string; // PKCS#8
  publicKey: string; // raw Ed25519 public key, base64url: the value for the trusted-keys map
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: rawPublicKey(publicKey) };
}

/** The trusted-keys value for the public half of a private key. */
export function publicKeyOf(privateKeyPem: string): string {
  return rawPublicKey(createPublicKey(createPrivateKey(privateKeyPem)));
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return jwk.x;
}

/** Issues `biz1.<kid>.<payload>.<signature>` for a payload that passes the same schema biz checks. */
export function issueLicense(payload: unknown, privateKeyPem: string, kid: string): string {
  if (!KID_PATTERN.test(kid)) throw new Error(`invalid kid "${kid}": ${KID_RULE}`);
  const parsed = licensePayloadSchema.safeParse(payload);
  if (!parsed.success) throw new Error(`invalid license payload: ${describeIssues(parsed.error)}`);
  const encoded = Buffer.from(JSON.stringify(parsed.data), 'utf8').toString('base64url');
  const signature = sign(null, Buffer.from(signedText(kid, encoded)), createPrivateKey(privateKeyPem));
  const key = `${signedText(kid, encoded)}.${signature.toString('base64url')}`;
  if (key.length > MAX_KEY_BYTES) throw new Error(`the issued key would be ${key.length} bytes; biz accepts at most ${MAX_KEY_BYTES}`);
  return key;
}
