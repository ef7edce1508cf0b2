/** The key's text form: `biz1.<kid>.<base64url(JSON payload)>.<base64url(Ed25519 signature)>`. */
export const KEY_VERSION = 'biz1';
export const MAX_KEY_BYTES = 8 * 1024;
export const SIGNATURE_BYTES = 64;
export const KID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const KID_RULE = 'a kid is 1-32 lowercase letters, digits or dashes, starting with a letter or digit';

const SHAPE = /^(biz\d{1,3})\.([a-z0-9][a-z0-9-]{0,31})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

export interface KeyParts {
  version: string;
  kid: string;
  payload: string; // base64url, as signed
  signature: string; // base64url
}

/** The four parts, or undefined when the text does not have the shape of a key. */
export function splitKey(key: string): KeyParts | undefined {
  const m = SHAPE.exec(key);
  return m ? { version: m[1], kid: m[2], payload: m[3], signature: m[4] } : undefined;
}

/** The bytes the signature covers. */
export function signedText(kid: string, payload: string): string {
  return `${KEY_VERSION}.${kid}.${payload}`;
}

/** Decodes base64url strictly: undefined unless re-encoding gives back the same text. */
export function decodeBase64Url(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}
