import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePaths, tenantDataDir } from '../../src/config/paths';
import { idleCronTick } from '../../src/cron-idle';
import { openStore } from '../../src/store';
import { tempDir } from '../helpers';

function setup() {
  const home = tempDir();
  const env = { BIZ_HOME: home };
  const store = openStore(tenantDataDir(resolvePaths(env), 'default'));
  return { home, env, cwd: tempDir(), store };
}

const post = { runId: 'r', variant: 0, brief: 'b', parts: ['p'], hashtags: [], score: 90, passed: true, reasons: [] };

describe('the idle check of the cron entries', () => {
  it('answers idle when nothing is due, and not idle once a post is approved', () => {
    const { env, cwd, store } = setup();
    store.marketPosts.add({ ...post, status: 'review' });
    expect(idleCronTick(['market', 'publish'], env, cwd)).toBe(true);
    store.marketPosts.add({ ...post, variant: 1, status: 'approved' });
    expect(idleCronTick(['market', 'publish'], env, cwd)).toBe(false);
    store.close();
  });

  it('a post approved for later is idle until then (BIZ_NOW pins the time)', () => {
    const { env, cwd, store } = setup();
    const { id } = store.marketPosts.add({ ...post, status: 'review' });
    store.marketPosts.setStatus(id, 'approved', { publishAt: Date.parse('2026-12-01T09:00:00Z') });
    store.close();
    expect(idleCronTick(['market', 'publish'], { ...env, BIZ_NOW: '2026-12-01T08:59:00Z' }, cwd)).toBe(true);
    expect(idleCronTick(['market', 'publish'], { ...env, BIZ_NOW: '2026-12-01T09:00:00Z' }, cwd)).toBe(false);
  });

  it('leaves the decision to the full command for flags, other commands, a config naming a tenant, a bad clock or tenant', () => {
    const { home, env, cwd, store } = setup();
    store.close();
    expect(idleCronTick(['market', 'publish', '--json'], env, cwd)).toBe(false);
    expect(idleCronTick(['market', 'queue'], env, cwd)).toBe(false);
    expect(idleCronTick(['market', 'publish'], { ...env, BIZ_NOW: 'tomorrow' }, cwd)).toBe(false);
    expect(idleCronTick(['market', 'publish'], { ...env, BIZ_TENANT: 'Bad Tenant' }, cwd)).toBe(false);
    mkdirSync(join(cwd, '.biz'));
    writeFileSync(join(cwd, '.biz', 'config.yaml'), 'tenant: acme\n');
    expect(idleCronTick(['market', 'publish'], env, cwd)).toBe(false);
    mkdirSync(join(home, 'config'), { recursive: true });
    writeFileSync(join(home, 'config', 'config.yaml'), 'slack:\n  channel: "#m"\n');
    expect(idleCronTick(['market', 'publish'], env, tempDir())).toBe(true);
  });

  it('schedules and follow-ups: any schedule, or a follow-up due or without its Task, is work', () => {
    const { env, cwd, store } = setup();
    expect(idleCronTick(['market', 'schedule', 'run'], env, cwd)).toBe(true);
    expect(idleCronTick(['lead', 'followups', 'run'], env, cwd)).toBe(true);
    store.marketSchedules.add({ cron: '0 9 * * *', campaign: 'c', briefFile: '/b', variants: 1 });
    expect(idleCronTick(['market', 'schedule', 'run'], env, cwd)).toBe(false);
    const values = { email: 'a@b.example', emailKey: 'a@b.example', nameKey: 'a|b', lastName: 'A', company: 'B', score: 1, grade: 'D', scoreReasons: [], flags: [] };
    const { id } = store.leads.upsert(values, 'r', 'local');
    store.leadFollowUps.plan(id, 'default', [{ step: 0, type: 'email', subject: 's', description: 'd', due: '2026-12-01' }]);
    expect(idleCronTick(['lead', 'followups', 'run'], { ...env, BIZ_NOW: '2026-11-30T12:00:00Z' }, cwd)).toBe(true);
    expect(idleCronTick(['lead', 'followups', 'run'], { ...env, BIZ_NOW: '2026-12-01T12:00:00Z' }, cwd)).toBe(false);
    store.close();
  });

  it('a tenant with no database yet has nothing to do', () => {
    expect(idleCronTick(['market', 'publish'], { BIZ_HOME: tempDir() }, tempDir())).toBe(true);
  });
});
