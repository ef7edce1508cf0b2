/**
 * Salesforce through jsforce, for the business-development agent. Options are checked first; jsforce (~220 ms to
 * import) is loaded only when a connection is made, so `biz --help` never pays for it.
 */
import { UsageError } from '../../core/errors';
import { SalesforceAuthError } from './errors';
import type { Salesforce, SalesforceAuth, SalesforceOptions } from './types';

export { SalesforceAuthError, SalesforceLimitError, SalesforceRequestError, type SalesforceError } from './errors';
export type * from './types';

export async function connectSalesforce(options: SalesforceOptions): Promise<Salesforce> {
  const missing = missingCredential(options.auth);
  if (missing) throw new SalesforceAuthError(`No Salesforce ${missing} is configured`);
  const loginUrl = normalizeUrl(options.loginUrl, 'login URL', 'BIZ_SALESFORCE_LOGIN_URL (salesforce.loginUrl)');
  const instanceUrl = options.instanceUrl ? normalizeUrl(options.instanceUrl, 'instance URL', 'BIZ_SALESFORCE_URL (salesforce.instanceUrl)') : undefined;
  if (options.auth.kind === 'token' && !instanceUrl) {
    throw new UsageError('A Salesforce access token needs the instance URL', 'Set BIZ_SALESFORCE_URL (salesforce.instanceUrl), e.g. https://acme.my.salesforce.com');
  }
  if (!/^\d+\.\d$/.test(options.apiVersion)) throw new UsageError(`Not a Salesforce API version: ${options.apiVersion}`, 'Give a version such as 62.0.');
  const { connect } = await import('./client');
  return connect({ ...options, loginUrl, ...(instanceUrl && { instanceUrl }) });
}

function missingCredential(auth: SalesforceAuth): string | undefined {
  switch (auth.kind) {
    case 'token':
      return auth.accessToken ? undefined : 'access token';
    case 'refresh':
      return !auth.clientId ? 'client id' : !auth.refreshToken ? 'refresh token' : undefined;
    case 'client-credentials':
      return !auth.clientId ? 'client id' : !auth.clientSecret ? 'client secret' : undefined;
  }
}

/** http(s), no trailing slash; a lightning.force.com address is the web UI, which does not serve the API. */
function normalizeUrl(raw: string, what: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`The Salesforce ${what} is not a URL: ${raw}`, `Set ${setting}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`The Salesforce ${what} must be http(s): ${raw}`, `Set ${setting}.`);
  if (/\.lightning\.force\.com$/i.test(url.hostname)) {
    throw new UsageError(`The Salesforce ${what} is the Lightning web address ${url.hostname}`, 'Use the My Domain address instead, e.g. https://acme.my.salesforce.com');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
