import { logout } from '../auth/logout';
import type { Context } from '../core/context';
import { printInfo, printWarning } from '../ui/messages';

export default async function logoutCommand(_args: string[], _flags: Record<string, unknown>, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const result = await logout(ctx);
  if (!result.loggedIn) {
    printInfo(`Not logged in to ${ctx.tenant}; nothing to do.`);
    return 0;
  }
  if (result.revocationProblem) printWarning(result.revocationProblem);
  if (result.keyringProblem) printWarning(`the OS keyring entry may remain: ${result.keyringProblem}`);
  printInfo(`Logged out of ${ctx.tenant}${result.revoked ? '; the tokens were revoked at the identity provider' : ''}.`);
  return 0;
}
