import type { Agent } from './runtime/agent';

type AgentLoader = () => Promise<Agent>;

/** Agents by name, loaded on demand: `biz runs resume` finds the agent of a stored run here. */
const loaders = new Map<string, AgentLoader>([
  ['security', async () => (await import('./security/agent')).securityAgent as Agent],
  ['coding', async () => (await import('./coding/agent')).codingAgent as Agent],
  ['marketing', async () => (await import('./marketing/agent')).marketingAgent as Agent],
  ['bizdev', async () => (await import('./bizdev/agent')).bizdevAgent as Agent],
  ['bizdev-followups', async () => (await import('./bizdev/followups')).followUpsAgent as Agent],
  ['marketing-publish', async () => (await import('./marketing/agent')).marketingPublishAgent as Agent],
]);

export function registerAgent(name: string, loader: AgentLoader): void {
  loaders.set(name, loader);
}

export async function loadAgent(name: string): Promise<Agent | undefined> {
  return loaders.get(name)?.();
}
