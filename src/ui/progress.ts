import type { RunEvent } from '../agents/runtime/events';
import type { OutputMode } from '../core/context';
import { formatCost, formatDuration } from './format';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Without a terminal, progress is one line at most this often. */
const PLAIN_PROGRESS_MS = 5_000;

/** "42,000 rows · 8,100/s · 61% · ETA 7s": the share and the ETA come from lines read of the file's lines, or from a total. */
export function progressText(data: Record<string, unknown>, elapsedMs: number): string {
  const done = Number(data.done ?? 0);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const parts = [`${done.toLocaleString('en-US')} ${String(data.unit ?? 'done')}`, `${Math.round(rate).toLocaleString('en-US')}/s`];
  const [at, of] = data.totalLines ? [Number(data.line ?? 0), Number(data.totalLines)] : [done, Number(data.total ?? 0)];
  if (of > 0 && at > 0) {
    const share = Math.min(1, at / of);
    parts.push(`${Math.round(share * 100)}%`);
    if (share < 1) parts.push(`ETA ${formatDuration((elapsedMs * (1 - share)) / share)}`);
  }
  return parts.join(' · ');
}

export interface ProgressRenderer {
  onEvent(event: RunEvent): void;
  stop(): void;
}

/**
 * Live rendering of run events on stderr: on a terminal a spinner with the running step, its elapsed time and the
 * cost so far; elsewhere one plain line per finished step. --jsonl streams every event to stdout instead; --json
 * stays silent until its one document.
 */
export function createProgress(mode: OutputMode): ProgressRenderer {
  if (mode.jsonl) return { onEvent: (e) => process.stdout.write(`${JSON.stringify(e)}\n`), stop: () => {} };
  if (mode.json) return { onEvent: () => {}, stop: () => {} };
  const tty = mode.stderrIsTTY;
  let current: { node: string; started: number; detail?: string } | undefined;
  let lastPlainProgress = 0;
  let cost = 0;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const clear = () => tty && process.stderr.write('\r\x1b[2K');
  const draw = () => {
    if (!current || !tty) return;
    clear();
    const spent = cost > 0 ? ` · ${formatCost(cost)}` : '';
    const detail = current.detail ? ` ${current.detail}` : '';
    process.stderr.write(`${FRAMES[frame++ % FRAMES.length]} ${current.node} ${formatDuration(Date.now() - current.started)}${detail}${spent}`);
  };
  const line = (text: string) => {
    clear();
    process.stderr.write(`${text}\n`);
    draw();
  };
  return {
    onEvent(e) {
      switch (e.type) {
        case 'node.started':
          current = { node: String(e.data.node), started: e.ts };
          if (tty) {
            timer ??= setInterval(draw, 100);
            timer.unref();
            draw();
          }
          break;
        case 'node.finished':
          current = undefined;
          line(`✓ ${e.data.node} (${formatDuration(Number(e.data.ms))})`);
          break;
        case 'node.paused':
          current = undefined;
          clear();
          break;
        case 'node.failed':
          current = undefined;
          line(`✗ ${e.data.node}: ${e.data.error}`);
          break;
        case 'llm.call':
          cost += Number(e.data.costUsd ?? 0);
          break;
        case 'action.executed':
          line(`✓ ${e.data.kind} ${e.data.target}`);
          break;
        case 'action.failed':
          line(`✗ ${e.data.kind} ${e.data.target}: ${e.data.error}`);
          break;
        case 'action.deferred':
          line(`… ${e.data.kind} ${e.data.target}: ${e.data.reason}`);
          break;
        case 'progress': {
          if (!current) break;
          const text = progressText(e.data, Date.now() - current.started);
          if (tty) current.detail = text;
          else if (Date.now() - lastPlainProgress >= PLAIN_PROGRESS_MS) {
            lastPlainProgress = Date.now();
            process.stderr.write(`  ${current.node}: ${text}\n`);
          }
          break;
        }
        case 'message':
          line(String(e.data.text));
          break;
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      clear();
    },
  };
}
