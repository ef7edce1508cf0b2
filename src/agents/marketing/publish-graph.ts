import { createHash } from 'node:crypto';
import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import type { MarketPost } from '../../store/market-posts';
import { approvalNode, executeNode, type ActionSpec } from '../runtime/actions';
import type { RunnableGraph } from '../runtime/agent';
import type { RunContext } from '../runtime/context';
import { publishActionHandlers } from './publish-actions';
import { PublishState, type PublishStateType } from './state';

/** A post's X action is keyed by its content: an edited and re-approved post is a new action, the same post never is. */
function xKey(post: MarketPost): string {
  const digest = createHash('sha256').update(JSON.stringify([post.parts, post.mediaPath])).digest('hex').slice(0, 16);
  return `market-x:${post.id}:${digest}`;
}

function xAction(post: MarketPost, notify: boolean): ActionSpec {
  const media = post.mediaPath ? `\n[image: ${post.mediaPath}${post.mediaAlt ? `, alt: ${post.mediaAlt}` : ''}]` : '';
  return {
    kind: 'x-post',
    target: post.parts.length > 1 ? `X, a thread of ${post.parts.length} (post ${post.id})` : `X (post ${post.id})`,
    preview: post.parts.join('\n  ↳ ') + media,
    idempotencyKey: xKey(post),
    payload: { postId: post.id, notify },
  };
}

function slackAction(post: MarketPost, channel: string): ActionSpec {
  return {
    kind: 'slack-notice',
    target: `Slack ${channel}`,
    preview: `Published on X: ${post.parts[0]}`,
    idempotencyKey: `market-slack:${post.id}`,
    payload: { postId: post.id, channel },
  };
}

/** What is due at the run's "now": approved posts whose time has come, and Slack notices still owed. */
function collectNode(ctx: RunContext) {
  return (state: PublishStateType): Partial<PublishStateType> => {
    const { campaign, now, slackChannel } = state.input;
    const posts = ctx.store.marketPosts;
    const actions: ActionSpec[] = [];
    for (const post of posts.due(now, campaign)) {
      actions.push(xAction(post, Boolean(slackChannel)));
      if (slackChannel) actions.push(slackAction(post, slackChannel));
    }
    if (slackChannel) for (const post of posts.noticesOwed(campaign)) actions.push(slackAction(post, slackChannel));
    return { actions };
  };
}

/** collect -> approve (the queue was the approval: the command answers yes, or stops at --dry-run) -> publish. */
export function buildPublishGraph(ctx: RunContext, checkpointer: BaseCheckpointSaver): RunnableGraph {
  return new StateGraph(PublishState)
    .addNode('collect', ctx.node('collect', collectNode(ctx)))
    .addNode('approve', ctx.node('approve', approvalNode(ctx)))
    .addNode('publish', ctx.node('publish', executeNode(ctx, publishActionHandlers)))
    .addEdge(START, 'collect')
    .addEdge('collect', 'approve')
    .addEdge('approve', 'publish')
    .addEdge('publish', END)
    .compile({ checkpointer }) as unknown as RunnableGraph;
}
