/** Where the credentials of an identity came from. */
export type CredentialSource = 'keyring' | 'file' | 'BIZ_TOKEN' | 'client-credentials';

/** A verified login: who, in which tenant, with which roles, until when. */
export interface Identity {
  subject: string;
  /** preferred_username, or the subject when the token has none. */
  username: string;
  tenant: string;
  issuer: string;
  clientId: string;
  roles: string[];
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
  source: CredentialSource;
}

/** Keycloak's roles: the realm's (`realm_access.roles`) and the client's (`resource_access.<client>.roles`). */
export function rolesFromClaims(claims: Record<string, unknown>, clientId: string): string[] {
  const realm = (claims.realm_access as { roles?: unknown } | undefined)?.roles;
  const resources = claims.resource_access as Record<string, { roles?: unknown } | undefined> | undefined;
  const client = resources?.[clientId]?.roles;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : []);
  return [...new Set([...strings(realm), ...strings(client)])].sort();
}
