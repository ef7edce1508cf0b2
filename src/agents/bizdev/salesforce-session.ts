import { salesforceConnection } from '../../integrations/connections';
import type { Salesforce } from '../../integrations/salesforce';
import type { RunContext } from '../runtime/context';

const sessions = new WeakMap<RunContext, Promise<Salesforce>>();

/** The run's Salesforce connection, opened once; a refreshed access token is stored where the old one was. */
export function salesforceOf(ctx: RunContext): Promise<Salesforce> {
  let session = sessions.get(ctx);
  if (!session) {
    session = (async () => {
      const connection = await salesforceConnection(ctx.base);
      if (!connection) throw new Error('Salesforce is not connected: run biz lead connect salesforce (or set BIZ_SALESFORCE_* in the environment)');
      const { connectSalesforce } = await import('../../integrations/salesforce');
      return connectSalesforce(connection);
    })();
    sessions.set(ctx, session);
  }
  return session;
}
