import type { AsyncEntry } from '@napi-rs/keyring';

/** The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager) could not be used. */
export class KeyringUnavailableError extends Error {}

const SERVICE = 'biz';
/** A locked or absent Secret Service can hang for a long time on a headless machine. */
const KEYRING_TIMEOUT_MS = 3_000;

async function withEntry<T>(account: string, what: string, op: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new KeyringUnavailableError(`the OS keyring did not answer within ${KEYRING_TIMEOUT_MS / 1000} s`));
    }, KEYRING_TIMEOUT_MS);
  });
  try {
    const { AsyncEntry } = await import('@napi-rs/keyring');
    // On Linux pin the Secret Service: the kernel keyutils store forgets everything when the session ends.
    const entry = new AsyncEntry(SERVICE, account, { linux: { store: 'secret-service' } });
    return await Promise.race([op(entry, abort.signal), timeout]);
  } catch (err) {
    if (err instanceof KeyringUnavailableError) throw err;
    throw new KeyringUnavailableError(`cannot ${what} the OS keyring: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

export function readKeyring(account: string): Promise<string | undefined> {
  return withEntry(account, 'read', async (entry, signal) => (await entry.getPassword(signal)) ?? undefined);
}

export function writeKeyring(account: string, secret: string): Promise<void> {
  return withEntry(account, 'write to', (entry, signal) => entry.setPassword(secret, signal));
}

export function deleteKeyring(account: string): Promise<void> {
  return withEntry(account, 'delete from', async (entry, signal) => {
    await entry.deleteCredential(signal);
  });
}
