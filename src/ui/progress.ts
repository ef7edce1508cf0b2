import type { RunEvent } from '../agents/runtime/events';
import type { OutputMode } from '../core/context';
import { formatCost, formatDuration } from './format';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

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
  let current: { node: string; started: number } | undefined;
  let cost = 0;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const clear = () => tty && process.stderr.write('\r\x1b[2K');
  const draw = () => {
    if (!current || !tty) return;
    clear();
    const spent = cost > 0 ? ` · ${formatCost(cost)}` : '';
    process.stderr.write(`${FRAMES[frame++ % FRAMES.length]} ${current.node} ${formatDuration(Date.now() - current.started)}${spent}`);
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
