import { canOfferBrowser, openBrowser } from '../auth/browser';
import type { DeviceAuthorization } from '../auth/device-flow';
import { DEFAULT_SCOPES, deviceLogin } from '../auth/login';
import { loginRecordPath } from '../auth/login-record';
import { resolveAuthTarget } from '../auth/target';
import type { Context } from '../core/context';
import { printInfo, printWarning } from '../ui/messages';

interface LoginFlags {
  issuer?: string;
  clientId?: string;
  scope?: string[];
  insecureStorage?: boolean;
}

function showCode(device: DeviceAuthorization): string {
  const url = device.verification_uri_complete ?? device.verification_uri;
  printInfo(`First copy your one-time code: ${device.user_code}`);
  printInfo(`Then open this page and approve: ${url}`);
  return url;
}

/** "Press Enter to open the browser", read from the terminal while polling goes on; returns how to stop listening. */
function offerBrowser(url: string): () => void {
  printInfo('Press Enter to open it in your browser...');
  const stdin = process.stdin;
  const stop = () => {
    stdin.off('data', onEnter);
    stdin.pause();
    stdin.unref?.();
  };
  const onEnter = () => {
    openBrowser(url);
    stop();
  };
  stdin.on('data', onEnter);
  stdin.resume();
  return stop;
}

function minutes(seconds: number): string {
  const m = Math.round(seconds / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

export default async function login(_args: string[], flags: LoginFlags, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const target = resolveAuthTarget(ctx, { issuer: flags.issuer, clientId: flags.clientId });
  const extra = (flags.scope ?? []).flatMap((s) => s.split(/[\s,]+/)).filter(Boolean);
  const scopes = [...new Set([...DEFAULT_SCOPES, ...extra])];
  const credentialsFile = loginRecordPath(ctx.config.paths, ctx.tenant);
  let stopOffer: (() => void) | undefined;
  try {
    const { identity, storage } = await deviceLogin(ctx, target, {
      scopes,
      insecureStorage: Boolean(flags.insecureStorage),
      onCode: (device) => {
        const url = showCode(device);
        if (canOfferBrowser(ctx.output, ctx.env)) stopOffer = offerBrowser(url);
        printInfo(`Waiting for approval (the code expires in ${minutes(device.expires_in)})...`);
      },
      onKeyringUnavailable: (reason) => printWarning(`${reason}; storing the login in ${credentialsFile} (readable only by you) instead`),
    });
    const where = storage === 'keyring' ? 'the OS keyring' : credentialsFile;
    printInfo(`Logged in to ${ctx.tenant} as ${identity.username}; roles: ${identity.roles.join(', ') || 'none'}.`);
    printInfo(`Tokens are stored in ${where}.`);
    return 0;
  } finally {
    stopOffer?.();
  }
}
