import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolvePaths, tenantDataDir } from '../../src/config/paths';
import { openStore } from '../../src/store';
import { startFakeSalesforce, type FakeSalesforce } from '../fakes/salesforce';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';
import { biz, cleanEnv, tempDir, waitFor } from '../helpers';

let sf: FakeSalesforce;
let slack: FakeSlack;
let env: NodeJS.ProcessEnv;
let project: string;

beforeEach(async () => {
  sf = await startFakeSalesforce();
  slack = await startFakeSlack();
  slack.addChannel('sales', { member: true });
  project = tempDir('biz-lead-');
  env = cleanEnv(tempDir(), {
    BIZ_SALESFORCE_URL: sf.url,
    BIZ_SALESFORCE_LOGIN_URL: sf.url,
    BIZ_SALESFORCE_CLIENT_ID: sf.clientId,
    BIZ_SALESFORCE_CLIENT_SECRET: sf.clientSecret,
    BIZ_SALESFORCE_REFRESH_TOKEN: sf.refreshToken,
    BIZ_SLACK_API_URL: slack.url,
    BIZ_SLACK_TOKEN: slack.token,
  });
});

afterEach(async () => {
  await sf.close();
  await slack.close();
});

const leadsInCrm = () => [...sf.records.Lead.values()];

function csv(rows: number, start = 0): string {
  const lines = ['First Name,Last Name,Email,Company,Title,Phone,Lead Source'];
  for (let i = start; i < start + rows; i++) lines.push(`Dana${i},Smith${i},dana.${i}@acme${i % 7}.example,Acme ${i % 7},VP Sales,+1 415 555 ${String(1000 + (i % 9000)).padStart(4, '0')},referral`);
  return `${lines.join('\n')}\n`;
}

function localStore() {
  return openStore(tenantDataDir(resolvePaths(env), 'default'));
}

describe('biz lead against a fake Salesforce (real jsforce)', () => {
  it('adds a lead: normalized, scored, created in Salesforce once, follow-ups planned; a second add updates, never duplicates', async () => {
    const add = ['lead', 'add', '--name', 'Ada Lovelace', '--email', 'Ada@Analytical.example', '--company', 'Analytical Engines', '--title', 'CTO', '--phone', '+44 20 7946 0958', '--source', 'referral', '--yes'];
    const r = await biz(add, { env, cwd: project });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(leadsInCrm()).toHaveLength(1);
    expect(leadsInCrm()[0]).toMatchObject({ FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@analytical.example', Company: 'Analytical Engines', Phone: '+442079460958' });
    const shown = JSON.parse((await biz(['lead', 'show', 'ada@analytical.example', '--json'], { env, cwd: project })).stdout);
    expect(shown).toMatchObject({ crmStatus: 'synced', crmId: leadsInCrm()[0].Id, grade: 'A' });
    expect(shown.followUps.length).toBeGreaterThanOrEqual(3);

    const again = await biz([...add.slice(0, -1).map((a) => (a === 'CTO' ? 'CEO' : a)), '--yes'], { env, cwd: project });
    expect(again.code).toBe(0);
    expect(leadsInCrm()).toHaveLength(1);
    expect(leadsInCrm()[0].Title).toBe('CEO');
  });

  it('the same person at the same company from another address stays one lead, and the address is kept', async () => {
    const add = (email: string) => biz(['lead', 'add', '--name', 'Ada Lovelace', '--email', email, '--company', 'Analytical Engines Ltd', '--yes', '--no-sequence'], { env, cwd: project });
    expect((await add('ada@analytical.example')).code).toBe(0);
    expect((await add('countess@lovelace.example')).code).toBe(0);
    const leads = JSON.parse((await biz(['lead', 'list', '--json'], { env, cwd: project })).stdout);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ email: 'ada@analytical.example', notes: expect.stringContaining('also wrote from countess@lovelace.example') });
    expect(leadsInCrm()).toHaveLength(1);
  });

  it('leads kept locally before Salesforce was connected go there with the next run', async () => {
    const local = { ...env, BIZ_SALESFORCE_CLIENT_ID: '', BIZ_SALESFORCE_CLIENT_SECRET: '', BIZ_SALESFORCE_REFRESH_TOKEN: '' };
    const first = await biz(['lead', 'add', '--name', 'Early Bird', '--email', 'early@bird.example', '--company', 'Bird Co', '--no-sequence'], { env: local, cwd: project });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/not connected/);
    expect(leadsInCrm()).toHaveLength(0);
    const second = await biz(['lead', 'add', '--name', 'Late Owl', '--email', 'late@owl.example', '--company', 'Owl Co', '--yes', '--no-sequence'], { env, cwd: project });
    expect(second.code).toBe(0);
    expect(leadsInCrm().map((l) => l.Email).sort()).toEqual(['early@bird.example', 'late@owl.example']);
  });

  it('a person who is already a Contact is updated, not created as a Lead', async () => {
    const contact = sf.addContact({ FirstName: 'Grace', LastName: 'Hopper', Email: 'grace@navy.example', AccountName: 'Navy' });
    const r = await biz(['lead', 'add', '--name', 'Grace Hopper', '--email', 'grace@navy.example', '--company', 'Navy', '--title', 'Rear Admiral', '--yes', '--no-sequence'], { env, cwd: project });
    expect(r.code).toBe(0);
    expect(leadsInCrm()).toHaveLength(0);
    expect(sf.records.Contact.get(contact.Id)).toMatchObject({ Title: 'Rear Admiral' });
  });

  it('headless without --yes stops before writing (exit 5); biz runs resume --yes finishes it', async () => {
    const r = await biz(['lead', 'add', '--name', 'Alan Turing', '--email', 'alan@bletchley.example', '--company', 'Bletchley'], { env, cwd: project });
    expect(r.code).toBe(5);
    expect(leadsInCrm()).toHaveLength(0);
    const runId = /run (\w+)/.exec(r.stderr)?.[1];
    expect(runId).toBeTruthy();
    const resumed = await biz(['runs', 'resume', runId!, '--yes'], { env, cwd: project });
    expect(resumed.code).toBe(0);
    expect(leadsInCrm()).toHaveLength(1);
  });

  it('bad input is a usage error that names the field', async () => {
    const r = await biz(['lead', 'add', '--name', 'X', '--email', 'not-an-email'], { env, cwd: project });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/email/);
    const map = await biz(['lead', 'import', 'nope.csv'], { env, cwd: project });
    expect(map.code).toBe(2);
  });

  it('imports a messy CSV: BOM, quoted newlines, Latin-1, missing and extra columns; rejected rows kept with reasons; a re-import adds nothing', async () => {
    const rows = [
      'Name;E-mail;Company;Job Title;Notes;Extra',
      'Jürgen Müller;jurgen@mueller.example;Müller GmbH;Geschäftsführer;"first line\nsecond line";x',
      'No Email;;Nowhere Inc;CEO;;',
      'Bad Email;bad@;Bad Inc;CEO;;',
      'Short Row;short@row.example',
      'Jürgen Müller;jurgen@mueller.example;Müller GmbH;Geschäftsführer;again;x',
    ];
    // Excel's "CSV UTF-8" starts with a byte-order mark; older exports are Latin-1. Both, in one import each.
    writeFileSync(join(project, 'leads.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.slice(0, 4).join('\r\n'), 'utf8')]));
    writeFileSync(join(project, 'more.csv'), Buffer.from([rows[0], ...rows.slice(4)].join('\r\n'), 'latin1'));
    const r = await biz(['lead', 'import', 'leads.csv', '--yes', '--no-sequence'], { env, cwd: project });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 row\(s\) read: 1 kept, 0 repeated in the file, 2 rejected/);
    const more = await biz(['lead', 'import', 'more.csv', '--yes', '--no-sequence'], { env, cwd: project });
    expect(more.code).toBe(0);
    expect(more.stdout).toMatch(/2 row\(s\) read: 2 kept/);
    const rejects = readFileSync(join(project, 'leads.rejected.csv'), 'utf8');
    expect(rejects.split('\n')[0]).toBe('row,line,reason,original');
    expect(rejects).toMatch(/email/i);
    expect(leadsInCrm().map((l) => l.Email).sort()).toEqual(['jurgen@mueller.example', 'short@row.example']);
    expect(leadsInCrm().find((l) => l.Email === 'jurgen@mueller.example')).toMatchObject({ LastName: 'Müller', Company: 'Müller GmbH' });

    const again = await biz(['lead', 'import', 'leads.csv', '--yes', '--no-sequence'], { env, cwd: project });
    expect(again.code).toBe(0);
    expect(leadsInCrm()).toHaveLength(2);
  });

  it('--dry-run reads and checks every row and keeps nothing', async () => {
    writeFileSync(join(project, 'leads.csv'), csv(50));
    const r = await biz(['lead', 'import', 'leads.csv', '--dry-run'], { env, cwd: project });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/50 row\(s\) read: 50 would be kept/);
    expect(leadsInCrm()).toHaveLength(0);
    expect(JSON.parse((await biz(['lead', 'list', '--json'], { env, cwd: project })).stdout)).toEqual([]);
  });

  it('a write whose reply was lost is looked up before it is retried: every row exactly once', async () => {
    writeFileSync(join(project, 'leads.csv'), csv(450));
    sf.failNext('POST /composite/sobjects', 'drop-after-write');
    const r = await biz(['lead', 'import', 'leads.csv', '--yes', '--no-sequence'], { env, cwd: project });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/biz runs resume/);
    const runId = /runs resume (\w+)/.exec(r.stderr)![1];
    const resumed = await biz(['runs', 'resume', runId, '--yes'], { env, cwd: project });
    expect(resumed.stderr).not.toMatch(/error/);
    expect(resumed.code).toBe(0);
    expect(leadsInCrm()).toHaveLength(450);
    expect(new Set(leadsInCrm().map((l) => l.Email)).size).toBe(450);
  });

  it('killed -9 in the middle of an import, then resumed: every row exactly once in Salesforce', async () => {
    mkdirSync(join(project, '.biz'));
    writeFileSync(join(project, '.biz', 'config.yaml'), 'salesforce:\n  bulkThreshold: 100000\n');
    writeFileSync(join(project, 'leads.csv'), csv(1_000));
    // The first collections call never answers: the run is killed while it waits.
    sf.failNext('POST /composite/sobjects', 'hang');
    const run = biz(['lead', 'import', 'leads.csv', '--yes', '--no-sequence'], { env, cwd: project });
    await waitFor(() => sf.requestsTo('POST /composite/sobjects').length >= 1, 'a batch in flight');
    run.child.kill('SIGKILL');
    await run;
    const s = localStore();
    const runId = s.runs.list({ limit: 1 })[0].id;
    s.close();
    const resumed = await biz(['runs', 'resume', runId, '--yes'], { env, cwd: project });
    expect(resumed.stderr).not.toMatch(/error/);
    expect(resumed.code).toBe(0);
    expect(leadsInCrm()).toHaveLength(1_000);
    expect(new Set(leadsInCrm().map((l) => l.Email)).size).toBe(1_000);
  });

  it('REQUEST_LIMIT_EXCEEDED stops the run resumably; after the limit lifts, resume writes the rest once', async () => {
    mkdirSync(join(project, '.biz'));
    writeFileSync(join(project, '.biz', 'config.yaml'), 'salesforce:\n  bulkThreshold: 100000\n');
    writeFileSync(join(project, 'leads.csv'), csv(600));
    sf.setApiLimit(2);
    const r = await biz(['lead', 'import', 'leads.csv', '--yes', '--no-sequence'], { env, cwd: project });
    expect(r.stderr).toMatch(/REQUEST_LIMIT_EXCEEDED|limit/i);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/biz runs resume/);
    sf.setApiLimit(undefined);
    const runId = /runs resume (\w+)/.exec(r.stderr)![1];
    const resumed = await biz(['runs', 'resume', runId, '--yes'], { env, cwd: project });
    expect(resumed.code).toBe(0);
    expect(leadsInCrm()).toHaveLength(600);
  });

  it('imports above the bulk threshold through one Bulk API 2.0 job, within the call budget', async () => {
    writeFileSync(join(project, 'leads.csv'), csv(3_000));
    const r = await biz(['lead', 'import', 'leads.csv', '--yes', '--no-sequence'], { env, cwd: project });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(leadsInCrm()).toHaveLength(3_000);
    expect(sf.jobs.size).toBe(1);
    expect(sf.apiCalls).toBeLessThanOrEqual(30);
  });

  it('from-text with a complete signature needs no model', async () => {
    writeFileSync(join(project, 'mail.txt'), 'Hi,\n\nWe would like a demo next week.\n\nBest regards,\nMaria Garcia\nHead of Security, Initech\nmaria.garcia@initech.example\n+1 415 555 0134\n');
    const r = await biz(['lead', 'from-text', 'mail.txt', '--yes', '--no-sequence'], { env, cwd: project });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(leadsInCrm()[0]).toMatchObject({ Email: 'maria.garcia@initech.example', LastName: 'Garcia' });
  });

  it('follow-ups become Salesforce Tasks once and the owner is reminded on Slack on the day', async () => {
    const r = await biz(['lead', 'add', '--name', 'Ada Lovelace', '--email', 'ada@analytical.example', '--company', 'Analytical Engines', '--owner', 'U0123ABCD', '--yes'], { env, cwd: project });
    expect(r.code).toBe(0);
    const runEnv = { ...env, BIZ_SLACK_CHANNEL: '#sales' };
    const first = await biz(['lead', 'followups', 'run'], { env: runEnv, cwd: project });
    expect(first.stderr).not.toMatch(/error/);
    expect(first.code).toBe(0);
    const tasks = [...sf.records.Task.values()];
    expect(tasks.length).toBeGreaterThanOrEqual(3);
    expect(tasks.every((t) => t.WhoId === leadsInCrm()[0].Id)).toBe(true);
    expect(slack.channel('#sales').messages).toHaveLength(1);
    expect(slack.channel('#sales').messages[0].text).toContain('<@U0123ABCD>');
    const second = await biz(['lead', 'followups', 'run'], { env: runEnv, cwd: project });
    expect(second).toMatchObject({ code: 0, stdout: '' });
    expect(sf.records.Task.size).toBe(tasks.length);
    expect(slack.channel('#sales').messages).toHaveLength(1);
  });

  it('keeps emails and phones out of events and logs, and forget removes the local data', async () => {
    const r = await biz(['lead', 'add', '--name', 'Ada Lovelace', '--email', 'ada@analytical.example', '--company', 'Analytical Engines', '--phone', '+44 20 7946 0958', '--yes'], { env, cwd: project });
    expect(r.code).toBe(0);
    const s = localStore();
    const events = JSON.stringify(s.db.prepare('SELECT data FROM run_events').all());
    s.close();
    expect(events).not.toContain('ada@analytical.example');
    expect(events).not.toContain('+442079460958');
    const logs = join(resolvePaths(env).stateDir);
    for (const f of existsSync(logs) ? readdirSync(logs, { recursive: true }) : []) {
      const path = join(logs, String(f));
      if (String(f).endsWith('.log')) expect(readFileSync(path, 'utf8')).not.toContain('ada@analytical.example');
    }
    const forget = await biz(['lead', 'forget', 'ada@analytical.example'], { env, cwd: project });
    expect(forget.code).toBe(0);
    expect(forget.stdout).toMatch(/Salesforce still has Lead/);
    const after = localStore();
    const dump = JSON.stringify([after.db.prepare('SELECT * FROM leads').all(), after.db.prepare('SELECT input FROM runs').all()]);
    after.close();
    expect(dump).not.toContain('ada@analytical.example');
  });
});
