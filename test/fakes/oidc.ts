/**
 * A real OpenID provider (oidc-provider 9) shaped like a Keycloak realm: mounted at `/realms/<realm>` on 127.0.0.1,
 * with the device flow, refresh tokens (offline_access), client credentials, revocation, and JWT access tokens that
 * carry Keycloak's claims (`azp`, `preferred_username`, `realm_access.roles`, `resource_access.<client>.roles`,
 * audience "account"). Users sign in on a login page; consent is not asked (Keycloak's default for a client).
 * `browser` drives the verification pages over HTTP as a person would.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider, type Adapter, type AdapterPayload, type KoaContextWithOIDC } from 'oidc-provider';

export interface FakeUser {
  password: string;
  realmRoles: string[];
  clientRoles: string[];
}

export interface FakeOidcOptions {
  realm?: string;
  users?: Record<string, FakeUser>;
}

export interface FakeOidcSettings {
  /** `interval` (seconds, at least 1) in device authorization answers; Keycloak sends 5. */
  interval: number;
  /** Lifetime of a device code, in seconds. */
  deviceCodeTtl: number;
  /** Lifetime of an access token, in seconds. */
  accessTokenTtl: number;
  /** The next this-many device polls that would be "authorization_pending" are answered "slow_down". */
  slowDownPolls: number;
}

export interface FakeOidcClient {
  id: string;
  secret: string;
}

export interface FakeOidc {
  /** Keycloak's base URL (what auth.url holds). */
  baseUrl: string;
  issuer: string;
  realm: string;
  /** The public client biz logs in with. */
  clientId: string;
  /** A confidential client for CI whose service account has realm roles. */
  ciClient: FakeOidcClient;
  /** A confidential client of some other application: its tokens are not for biz. */
  otherClient: FakeOidcClient;
  settings: FakeOidcSettings;
  /** What the provider saw: device-code polls, slow_down answers, revocations (by token_type_hint). */
  seen: { devicePolls: number; slowDowns: number; revocations: string[]; refreshes: number };
  /** Signs in as `user` on the verification page and confirms the code. */
  approve(verificationUriComplete: string, user?: string): Promise<void>;
  /** Opens the verification page, enters the code, and presses Abort on the confirmation. */
  deny(verificationUriComplete: string): Promise<void>;
  /** Ends every session, as an administrator would: refresh tokens stop working. */
  revokeSessions(): Promise<void>;
  close(): Promise<void>;
}

const RESOURCE = 'urn:keycloak:account';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEFAULT_USERS: Record<string, FakeUser> = {
  alice: { password: 'alice-password', realmRoles: ['biz:scan', 'offline_access'], clientRoles: ['biz:code'] },
};

/**
 * oidc-provider's storage contract over plain Maps. Nothing is evicted early, so an expired device code is reported
 * as expired_token; `revokeEverything` drops every grant and the tokens issued under it.
 */
function memoryStorage() {
  const stores = new Map<string, Map<string, AdapterPayload>>();
  const grants = new Map<string, Set<() => void>>();
  const revokeGrant = (grantId: string) => {
    for (const drop of grants.get(grantId) ?? []) drop();
    grants.delete(grantId);
  };
  const adapterFor = (name: string): Adapter => {
    const store = stores.get(name) ?? new Map<string, AdapterPayload>();
    stores.set(name, store);
    return {
      async upsert(id, payload) {
        store.set(id, payload);
        if (payload.grantId) {
          const members = grants.get(payload.grantId) ?? new Set();
          members.add(() => store.delete(id));
          grants.set(payload.grantId, members);
        }
      },
      async find(id) {
        return store.get(id);
      },
      async findByUserCode(userCode) {
        return [...store.values()].find((p) => p.userCode === userCode);
      },
      async findByUid(uid) {
        return [...store.values()].find((p) => p.uid === uid);
      },
      async consume(id) {
        const payload = store.get(id);
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        store.delete(id);
      },
      async revokeByGrantId(grantId) {
        revokeGrant(grantId);
      },
    };
  };
  return { adapterFor, revokeEverything: () => [...grants.keys()].forEach(revokeGrant) };
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => resolve(new URLSearchParams(raw)));
    req.on('error', reject);
  });
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html><body>${body}</body></html>`);
}

export async function startFakeOidc(options: FakeOidcOptions = {}): Promise<FakeOidc> {
  const realm = options.realm ?? 'acme';
  const users = options.users ?? DEFAULT_USERS;
  const prefix = `/realms/${realm}`;
  const settings: FakeOidcSettings = { interval: 5, deviceCodeTtl: 600, accessTokenTtl: 300, slowDownPolls: 0 };
  const seen: FakeOidc['seen'] = { devicePolls: 0, slowDowns: 0, revocations: [], refreshes: 0 };
  const clientId = 'biz-cli';
  const ciClient = { id: 'biz-ci', secret: 'ci-secret-0123456789abcdef' };
  const otherClient = { id: 'other-app', secret: 'other-secret-0123456789abcdef' };
  const serviceAccountRoles: Record<string, string[]> = { [ciClient.id]: ['biz:scan', 'biz:market'], [otherClient.id]: ['biz:scan'] };

  const storage = memoryStorage();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${baseUrl}${prefix}`;

  const provider: Provider = new Provider(issuer, {
    adapter: storage.adapterFor,
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'fake-rsa', use: 'sig', alg: 'RS256' }] },
    clients: [
      { client_id: clientId, token_endpoint_auth_method: 'none', grant_types: [DEVICE_GRANT, 'refresh_token'], response_types: [], redirect_uris: [] },
      { client_id: ciClient.id, client_secret: ciClient.secret, grant_types: ['client_credentials'], response_types: [], redirect_uris: [] },
      { client_id: otherClient.id, client_secret: otherClient.secret, grant_types: ['client_credentials'], response_types: [], redirect_uris: [] },
    ],
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['preferred_username'], email: ['email'] },
    cookies: { keys: ['fake-oidc-cookie-key'] },
    pkce: { required: () => false },
    clientBasedCORS: () => false,
    features: {
      devInteractions: { enabled: false },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: async (ctx, form) => {
          ctx.body = `<!DOCTYPE html><html><body><h1>Enter your code</h1>${form}<button type="submit" form="op.deviceInputForm">Continue</button></body></html>`;
        },
        userCodeConfirmSource: async (ctx, form, _client, _info, userCode) => {
          ctx.body = `<!DOCTYPE html><html><body><h1>Confirm ${userCode}</h1>${form}</body></html>`;
        },
        successSource: async (ctx) => {
          ctx.body = '<!DOCTYPE html><html><body><h1>Sign-in Success</h1></body></html>';
        },
      },
      revocation: { enabled: true, allowedPolicy: () => true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'profile email', audience: 'account', accessTokenFormat: 'jwt', accessTokenTTL: settings.accessTokenTtl, jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    ttl: {
      DeviceCode: () => settings.deviceCodeTtl,
      AccessToken: () => settings.accessTokenTtl,
      IdToken: () => settings.accessTokenTtl,
      ClientCredentials: () => settings.accessTokenTtl,
      RefreshToken: () => 30 * 24 * 3600,
      Grant: () => 30 * 24 * 3600,
      Session: () => 3600,
      Interaction: () => 600,
    },
    interactions: { url: (_ctx, interaction) => `${prefix}/login/${interaction.uid}` },
    findAccount: (_ctx, sub) => (users[sub] ? { accountId: sub, claims: () => ({ sub, preferred_username: sub, email: `${sub}@example.test` }) } : undefined),
    // Keycloak asks no consent for its own clients: every requested scope is granted once the user has signed in.
    loadExistingGrant: async (ctx): Promise<InstanceType<Provider['Grant']> | undefined> => {
      const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) return provider.Grant.find(existing);
      const grant = new provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid offline_access profile email');
      grant.addResourceScope(RESOURCE, 'profile email');
      await grant.save();
      return grant;
    },
    extraTokenClaims: (_ctx, token) => {
      const client = token.clientId!;
      const account = 'accountId' in token ? token.accountId : undefined;
      const user = account ? users[account] : undefined;
      const realmRoles = user ? user.realmRoles : (serviceAccountRoles[client] ?? []);
      return {
        azp: client,
        typ: 'Bearer',
        preferred_username: account ?? `service-account-${client}`,
        realm_access: { roles: realmRoles },
        resource_access: user ? { [clientId]: { roles: user.clientRoles } } : {},
      };
    },
  });
  provider.on('device_authorization.success', (_ctx: KoaContextWithOIDC, body: Record<string, unknown>) => {
    body.interval = settings.interval;
  });
  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    const route = ctx.oidc?.route;
    const params = (ctx.oidc?.params ?? {}) as Record<string, unknown>;
    if (route === 'token' && params.grant_type === DEVICE_GRANT) {
      seen.devicePolls += 1;
      const body = ctx.body as { error?: string } | undefined;
      if (body?.error === 'authorization_pending' && settings.slowDownPolls > 0) {
        settings.slowDownPolls -= 1;
        seen.slowDowns += 1;
        ctx.body = { error: 'slow_down', error_description: 'you are polling too quickly' };
      }
    }
    if (route === 'token' && params.grant_type === 'refresh_token') seen.refreshes += 1;
    if (route === 'revocation') seen.revocations.push(String(params.token_type_hint ?? ''));
  });

  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (!url.startsWith(prefix)) return html(res, 404, 'no such realm');
    if (/^\/login\/[^/?]+$/.test(url.slice(prefix.length).split('?')[0])) return void handleLogin(req, res).catch((err: unknown) => html(res, 500, String(err)));
    Object.assign(req, { originalUrl: url, url: url.slice(prefix.length) || '/' });
    callback(req, res);
  });

  /** The sign-in page of an interaction: username and password; a wrong password is answered 401. */
  async function handleLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      return html(res, 200, `<h1>Sign in to ${realm}</h1><form method="post" action="${prefix}/login/${details.uid}"><input name="username"><input name="password" type="password"><button>Sign in</button></form>`);
    }
    const form = await readForm(req);
    const username = form.get('username') ?? '';
    if (users[username]?.password !== form.get('password')) return html(res, 401, 'Invalid username or password');
    await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
  }

  const fake: FakeOidc = {
    baseUrl,
    issuer,
    realm,
    clientId,
    ciClient,
    otherClient,
    settings,
    seen,
    approve: async (verificationUriComplete, user = Object.keys(users)[0]) => {
      const browser = new Browser();
      const confirm = await browser.submitForm(await browser.get(verificationUriComplete), {});
      const login = await browser.submitForm(confirm, {});
      const signIn = await browser.submitForm(login, { username: user, password: users[user].password });
      if (!/Sign-in Success/.test(signIn.body)) throw new Error(`approval did not finish: ${signIn.status} ${signIn.body.slice(0, 300)}`);
    },
    deny: async (verificationUriComplete) => {
      const browser = new Browser();
      const confirm = await browser.submitForm(await browser.get(verificationUriComplete), {});
      await browser.submitForm(confirm, { abort: 'yes' });
    },
    revokeSessions: async () => storage.revokeEverything(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  return fake;
}

interface Page {
  url: string;
  status: number;
  body: string;
}

/** Just enough of a web browser for the verification pages: cookies, redirects, and HTML forms. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async get(url: string): Promise<Page> {
    return this.request(url, { method: 'GET' });
  }

  /** Submits the page's first form with its hidden fields plus `fields`. */
  async submitForm(page: Page, fields: Record<string, string>): Promise<Page> {
    const form = /<form[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
    if (!form) throw new Error(`no form on ${page.url}: ${page.body.slice(0, 300)}`);
    const action = /action="([^"]*)"/i.exec(form[0])?.[1] ?? page.url;
    const data = new URLSearchParams();
    for (const input of form[1].matchAll(/<input[^>]*>/gi)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
      if (name && !(name in fields)) data.set(name, value);
    }
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return this.request(new URL(action.replaceAll('&amp;', '&'), page.url).href, { method: 'POST', body: data.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  private async request(url: string, init: RequestInit): Promise<Page> {
    let current = url;
    let options = init;
    for (let hops = 0; hops < 10; hops++) {
      const res = await fetch(current, { ...options, redirect: 'manual', headers: { ...(options.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const setCookie of res.headers.getSetCookie()) {
        const [pair] = setCookie.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq);
        const value = pair.slice(eq + 1);
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(setCookie)) this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        current = new URL(location, current).href;
        options = { method: 'GET' };
        continue;
      }
      return { url: current, status: res.status, body: await res.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
