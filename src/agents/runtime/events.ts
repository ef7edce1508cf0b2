import { redactDeep } from '../../core/redact';
import type { Store } from '../../store';

export type RunEventType =
  | 'run.started'
  | 'run.resumed'
  | 'run.finished'
  | 'node.started'
  | 'node.finished'
  | 'node.failed'
  | 'node.paused'
  | 'llm.call'
  | 'action.proposed'
  | 'action.approved'
  | 'action.rejected'
  | 'action.skipped'
  | 'action.executed'
  | 'action.failed'
  | 'action.deferred'
  | 'progress'
  | 'message';

export interface RunEvent {
  runId: string;
  ts: number;
  type: RunEventType;
  data: Record<string, unknown>;
}

export type EventListener = (event: RunEvent) => void;

/** Persists each event (redacted) in run_events, then hands it to live listeners such as the renderer. */
export class EventBus {
  private readonly listeners: EventListener[] = [];

  constructor(
    private readonly store: Store,
    private readonly teamOutbox = false,
  ) {}

  on(listener: EventListener): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  emit(runId: string, type: RunEventType, data: Record<string, unknown> = {}): void {
    const event: RunEvent = { runId, ts: Date.now(), type, data: redactDeep(data) };
    this.store.write(() => {
      this.store.events.append(runId, type, event.data, event.ts);
      if (this.teamOutbox) this.store.outbox.add('biz.run-events', runId, event);
    });
    for (const listener of [...this.listeners]) listener(event);
  }
}
