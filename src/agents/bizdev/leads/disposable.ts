import { createRequire } from 'node:module';

// The list has over 100,000 domains (2.4 MB of JSON): it is loaded on the first lookup, not when biz starts. A
// runtime require keeps it out of the bundle (esbuild only follows calls to a plain `require`).
const requireList = createRequire(import.meta.url);
let exact: Set<string> | undefined;
let withSubdomains: Set<string> | undefined;

/** Throwaway-mailbox domains, from disposable-email-domains (exact names, and names whose subdomains all count). */
export function isDisposable(domain: string): boolean {
  exact ??= new Set(requireList('disposable-email-domains') as string[]);
  withSubdomains ??= new Set(requireList('disposable-email-domains/wildcard.json') as string[]);
  if (exact.has(domain)) return true;
  for (let dot = domain.indexOf('.'); dot !== -1; dot = domain.indexOf('.', dot + 1)) {
    if (withSubdomains.has(domain.slice(dot + 1))) return true;
  }
  return withSubdomains.has(domain);
}
