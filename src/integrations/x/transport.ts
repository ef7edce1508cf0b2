/**
 * Where twitter-api-v2's requests go. The SDK has hosts built in (api.x.com, upload.x.com) and no base-URL option,
 * so a plugin moves every request to the configured API URL before the SDK signs it (OAuth 1.0a signs the URL it
 * is sent to), and gives each request its own deadline. The SDK always calls `https.request`, which accepts an
 * http: URL only with an http agent: the agent matches the API URL's protocol.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ITwitterApiClientPlugin } from 'twitter-api-v2';

export interface XTransport {
  plugin: ITwitterApiClientPlugin;
  agent: HttpAgent;
}

export function xTransport(apiUrl: URL, timeoutMs: number): XTransport {
  const base = apiUrl.pathname.replace(/\/+$/, '');
  const plugin: ITwitterApiClientPlugin = {
    onBeforeRequestConfig({ url, params }) {
      // The SDK picks the body encoding from the path (/2/... is JSON); a base path would hide that.
      if (params.forceBodyMode === undefined && url.pathname.startsWith('/2/')) params.forceBodyMode = 'json';
      params.url = `${apiUrl.origin}${base}${url.pathname}${url.search}`;
    },
    onBeforeRequest({ requestOptions }) {
      requestOptions.signal = AbortSignal.timeout(timeoutMs);
    },
  };
  const agent = apiUrl.protocol === 'http:' ? new HttpAgent() : new HttpsAgent();
  return { plugin, agent };
}
