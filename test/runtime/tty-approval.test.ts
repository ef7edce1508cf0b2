import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linesOf } from '../support/test-agent';
import { ROOT, tempDir, waitFor } from '../helpers';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux && process.env.BIZ_TEST_STRICT === '1') throw new Error('tmux is required (BIZ_TEST_STRICT=1): apt-get install tmux');
if (!hasTmux) console.warn('skipping the real-terminal approval test: tmux is not installed');

describe.skipIf(!hasTmux)('approval in a real terminal (tmux)', () => {
  const session = `biz-test-${process.pid}`;
  const socket = join(tempDir(), 'tmux.sock');
  const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  afterAll(() => spawnSync('tmux', ['-S', socket, 'kill-server']));

  it('asks for each action on the terminal; y runs it, n skips it', async () => {
    const home = tempDir();
    const out = join(home, 'tty.txt');
    const input = JSON.stringify({ out, items: ['yes-item', 'no-item'] });
    const command = `cd ${ROOT} && env -i PATH="${process.env.PATH}" HOME=${home} BIZ_HOME=${home}/biz TERM=xterm node --import tsx test/support/run-agent.ts run '${input}'; echo EXIT=$?; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '50', command);
    const screen = () => tmux('capture-pane', '-t', session, '-p');
    await waitFor(() => screen().includes('Run this append-line?'), 'the first question');
    expect(screen()).toContain(`append "yes-item" to ${out}`);
    tmux('send-keys', '-t', session, 'y', 'Enter');
    await waitFor(() => screen().includes('no-item') && screen().split('Run this append-line?').length === 3, 'the second question');
    tmux('send-keys', '-t', session, 'n', 'Enter');
    await waitFor(() => screen().includes('EXIT='), 'the run to end');
    expect(screen()).toContain('EXIT=0');
    expect(linesOf(out).map((l) => l.split(' ')[0])).toEqual(['yes-item']);
  }, 60_000);
});
