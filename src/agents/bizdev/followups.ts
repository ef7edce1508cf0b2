import { END, START, StateGraph, Annotation, type BaseCheckpointSaver } from '@langchain/langgraph';
import { z } from 'zod';
import type { TaskFields } from '../../integrations/salesforce';
import type { FollowUp } from '../../store/lead-followups';
import { ActionChannels, approvalNode, executeNode, type ActionHandler, type ActionSpec } from '../runtime/actions';
import type { Agent, RunnableGraph } from '../runtime/agent';
import type { RunContext } from '../runtime/context';
import { slackConnection } from '../../integrations/connections';
import { maskEmail } from './privacy';
import { salesforceOf } from './salesforce-session';

export const followUpsInput = z.object({
  /** The day the run acts for (YYYY-MM-DD), fixed at start so a resumed run does the same work. */
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  crm: z.boolean(),
  slackChannel: z.string().optional(),
});
export type FollowUpsInput = z.infer<typeof followUpsInput>;

const State = Annotation.Root({ input: Annotation<FollowUpsInput>(), ...ActionChannels });
type StateType = typeof State.State;

const TASKS_PER_CALL = 200;

/** Creates the Tasks of planned steps whose lead is in Salesforce; a batch under way when a run died is looked up first. */
const createTasks: ActionHandler = async (_payload, ctx) => {
  const sf = await salesforceOf(ctx);
  const followUps = ctx.store.leadFollowUps;
  let created = 0;
  for (let batch = followUps.withoutTask(TASKS_PER_CALL); batch.length > 0; batch = followUps.withoutTask(TASKS_PER_CALL)) {
    const leads = new Map(batch.map((f) => [f.leadId, ctx.store.leads.get(f.leadId)!]));
    const interrupted = batch.filter((f) => f.crmBatch);
    if (interrupted.length > 0) {
      const existing = await sf.findTasks([...new Set(interrupted.map((f) => leads.get(f.leadId)!.crmId!))]);
      ctx.store.write(() => {
        for (const f of interrupted) {
          const task = existing.find((t) => t.whoId === leads.get(f.leadId)!.crmId && t.subject === f.subject && t.activityDate === f.due);
          if (task) followUps.setTask(f.id, task.id);
        }
      });
    }
    const todo = followUps.withoutTask(TASKS_PER_CALL);
    if (todo.length === 0) break;
    const tag = `${ctx.runId}:${todo[0].id}`;
    ctx.store.write(() => followUps.markSending(todo.map((f) => f.id), tag));
    const tasks: TaskFields[] = todo.map((f) => ({ WhoId: ctx.store.leads.get(f.leadId)!.crmId!, Subject: f.subject, ActivityDate: f.due, Description: f.description, Status: 'Not Started', Priority: 'Normal' }));
    const outcomes = await sf.createTasks(tasks);
    ctx.store.write(() =>
      todo.forEach((f, i) => {
        const o = outcomes[i];
        if (o?.ok && o.id) {
          followUps.setTask(f.id, o.id);
          created++;
        } else throw new Error(`Salesforce refused the task "${f.subject}": ${o?.errors.map((e) => e.message).join('; ')}`);
      }),
    );
  }
  return { created };
};

function reminderText(ctx: RunContext, items: FollowUp[]): string {
  return items
    .map((f) => {
      const lead = ctx.store.leads.get(f.leadId)!;
      const who = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
      return `• ${f.due} ${f.type}: *${f.subject}* — ${who}, ${lead.title ?? 'no title'} at ${lead.company} (score ${lead.score})${lead.summary ? `\n   ${lead.summary}` : ''}`;
    })
    .join('\n');
}

/** One Slack message per owner with the follow-ups due today; marked sent only once Slack took it. */
const remind: ActionHandler = async (payload, ctx, { retry }) => {
  const { owner, ids, channel } = payload as { owner: string; ids: number[]; channel: string };
  const connection = await slackConnection(ctx.base);
  if (!connection) throw new Error('Slack is not connected: biz lead connect slack');
  const { createSlackClient } = await import('../../integrations/slack/client');
  const slack = await createSlackClient({ apiUrl: connection.apiUrl, token: connection.token });
  const key = ids.join(',');
  if (retry) {
    const earlier = await slack.recentMessages(channel, new Date(Date.now() - 24 * 3600_000));
    if (earlier.some((m) => m.metadata?.event_type === 'biz_followups_due' && m.metadata.event_payload.ids === key)) {
      ctx.store.leadFollowUps.markNotified(ids);
      return { resent: false };
    }
  }
  const items = ctx.store.leadFollowUps.byIds(ids);
  const mention = /^[UW][A-Z0-9]{6,}$/.test(owner) ? `<@${owner}>` : owner;
  const sent = await slack.postMessage({
    channel,
    text: `${mention}: ${items.length} follow-up(s) due\n${reminderText(ctx, items)}`,
    metadata: { event_type: 'biz_followups_due', event_payload: { ids: key } },
  });
  ctx.store.leadFollowUps.markNotified(ids);
  return { ts: sent.ts };
};

function collect(ctx: RunContext) {
  return (state: StateType): Partial<StateType> => {
    const { input } = state;
    const actions: ActionSpec[] = [];
    const followUps = ctx.store.leadFollowUps;
    const withoutTask = followUps.countWithoutTask();
    if (input.crm && withoutTask > 0) {
      actions.push({ kind: 'crm-tasks', target: `Salesforce: ${withoutTask} task(s)`, preview: `${withoutTask} follow-up task(s) with due dates`, idempotencyKey: `crm-tasks:${ctx.runId}`, payload: {} });
    }
    if (input.slackChannel) {
      const byOwner = new Map<string, FollowUp[]>();
      for (const f of followUps.dueUnnotified(input.today)) {
        const owner = ctx.store.leads.get(f.leadId)?.owner ?? 'unassigned';
        byOwner.set(owner, [...(byOwner.get(owner) ?? []), f]);
      }
      for (const [owner, items] of byOwner) {
        actions.push({
          kind: 'slack-reminder',
          target: `Slack ${input.slackChannel} for ${owner}`,
          preview: items.map((f) => `${f.due} ${f.type}: ${f.subject} (${maskEmail(ctx.store.leads.get(f.leadId)!.email)})`).join('\n'),
          idempotencyKey: `followups-due:${input.today}:${owner}:${items.map((f) => f.id).join(',')}`,
          payload: { owner, ids: items.map((f) => f.id), channel: input.slackChannel },
        });
      }
    }
    return { actions };
  };
}

export const followUpHandlers: Record<string, ActionHandler> = { 'crm-tasks': createTasks, 'slack-reminder': remind };

function build(ctx: RunContext, checkpointer: BaseCheckpointSaver): RunnableGraph {
  return new StateGraph(State)
    .addNode('collect', ctx.node('collect', collect(ctx)))
    .addNode('approve', ctx.node('approve', approvalNode(ctx)))
    .addNode('execute', ctx.node('execute', executeNode(ctx, followUpHandlers)))
    .addEdge(START, 'collect')
    .addEdge('collect', 'approve')
    .addEdge('approve', 'execute')
    .addEdge('execute', END)
    .compile({ checkpointer }) as unknown as RunnableGraph;
}

export const followUpsAgent: Agent<FollowUpsInput> = {
  name: 'bizdev-followups',
  summary: 'puts planned follow-ups in Salesforce as Tasks and reminds owners on Slack when they are due',
  entitlement: 'agent:bizdev',
  role: 'biz:lead',
  input: followUpsInput,
  build,
  actionHandlers: followUpHandlers,
  result: (state) => state.actionResults,
};
