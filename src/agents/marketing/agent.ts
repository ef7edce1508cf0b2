import type { Agent } from '../runtime/agent';
import { buildDraftGraph } from './draft-graph';
import { publishActionHandlers } from './publish-actions';
import { buildPublishGraph } from './publish-graph';
import { draftInput, publishInput, type DraftInput, type PublishInput, type QueuedPost } from './state';

export interface DraftResult {
  queued: QueuedPost[];
  revisions: number;
}

export interface PublishResult {
  published: { postId: number; url: string }[];
  notified: number[];
  deferred: { key: string; until: number }[];
}

export const marketingAgent: Agent<DraftInput> = {
  name: 'marketing',
  summary: 'writes social posts from a brief, checks them and puts them in the review queue',
  entitlement: 'agent:marketing',
  role: 'biz:market',
  input: draftInput,
  build: buildDraftGraph,
  result: (state): DraftResult => ({ queued: (state.queued as QueuedPost[]) ?? [], revisions: (state.revisions as number) ?? 0 }),
};

export const marketingPublishAgent: Agent<PublishInput> = {
  name: 'marketing-publish',
  summary: 'publishes approved posts that are due to X, then tells Slack',
  entitlement: 'agent:marketing',
  role: 'biz:market',
  input: publishInput,
  build: buildPublishGraph,
  actionHandlers: publishActionHandlers,
  result: (state): PublishResult => {
    const results = (state.actionResults as Record<string, Record<string, unknown> | null>) ?? {};
    const out: PublishResult = { published: [], notified: [], deferred: [] };
    for (const [key, value] of Object.entries(results)) {
      if (value && typeof value.deferredUntil === 'number') out.deferred.push({ key, until: value.deferredUntil });
      else if (key.startsWith('market-x:') && value?.url) out.published.push({ postId: Number(key.split(':')[1]), url: String(value.url) });
      else if (key.startsWith('market-slack:')) out.notified.push(Number(key.split(':')[1]));
    }
    return out;
  },
};
