import type { Db } from './db';

export type RunStatus = 'running' | 'waiting-approval' | 'interrupted' | 'succeeded' | 'failed' | 'cancelled' | 'dry-run';

export interface RunRecord {
  id: string;
  agent: string;
  status: RunStatus;
  input: unknown;
  model: string | null;
  startedAt: number;
  finishedAt: number | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  error: string | null;
  result: unknown;
  pid: number | null;
}

interface RunRow {
  id: string;
  agent: string;
  status: RunStatus;
  input: string;
  model: string | null;
  started_at: number;
  finished_at: number | null;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  error: string | null;
  result: string | null;
  pid: number | null;
}

const toRecord = (r: RunRow): RunRecord => ({
  id: r.id,
  agent: r.agent,
  status: r.status,
  input: JSON.parse(r.input),
  model: r.model,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  inputTokens: r.input_tokens,
  outputTokens: r.output_tokens,
  costUsd: r.cost_usd,
  error: r.error,
  result: r.result === null ? null : JSON.parse(r.result),
  pid: r.pid,
});

export class RunsRepo {
  constructor(private readonly db: Db) {}

  create(run: { id: string; agent: string; input: unknown; model?: string }): void {
    this.db
      .prepare('INSERT INTO runs (id, agent, status, input, model, started_at, pid) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(run.id, run.agent, 'running', JSON.stringify(run.input ?? null), run.model ?? null, Date.now(), process.pid);
  }

  get(id: string): RunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && toRecord(row);
  }

  /** Exact id, or a unique prefix of one (like git's short hashes). */
  find(idOrPrefix: string): RunRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM runs WHERE id = ? OR id LIKE ? ESCAPE '\\' ORDER BY started_at DESC LIMIT 2")
      .all(idOrPrefix, `${idOrPrefix.replace(/[\\%_]/g, '\\$&')}%`) as RunRow[];
    const exact = rows.find((r) => r.id === idOrPrefix);
    return (exact ? [exact] : rows).map(toRecord);
  }

  list(opts: { limit?: number; agent?: string } = {}): RunRecord[] {
    const rows = opts.agent
      ? this.db.prepare('SELECT * FROM runs WHERE agent = ? ORDER BY started_at DESC LIMIT ?').all(opts.agent, opts.limit ?? 20)
      : this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC LIMIT ?').all(opts.limit ?? 20);
    return (rows as RunRow[]).map(toRecord);
  }

  setStatus(id: string, status: RunStatus, extra: { error?: string; result?: unknown } = {}): void {
    const finished = status === 'running' || status === 'waiting-approval' ? null : Date.now();
    this.db
      .prepare('UPDATE runs SET status = ?, finished_at = ?, error = ?, result = COALESCE(?, result), pid = ? WHERE id = ?')
      .run(
        status,
        finished,
        extra.error ?? null,
        extra.result === undefined ? null : JSON.stringify(extra.result),
        status === 'running' ? process.pid : null,
        id,
      );
  }

  setModel(id: string, model: string): void {
    this.db.prepare('UPDATE runs SET model = ? WHERE id = ?').run(model, id);
  }

  addUsage(id: string, usage: { inputTokens: number; outputTokens: number; costUsd: number }): void {
    this.db
      .prepare('UPDATE runs SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, cost_usd = cost_usd + ? WHERE id = ?')
      .run(usage.inputTokens, usage.outputTokens, usage.costUsd, id);
  }
}
