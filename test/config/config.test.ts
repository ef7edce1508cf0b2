import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setConfigValue, unsetConfigValue } from '../../src/config/edit';
import { loadConfig } from '../../src/config/load';
import { tempDir } from '../helpers';

function setup() {
  const home = tempDir();
  const project = join(home, 'repo');
  mkdirSync(join(project, '.biz'), { recursive: true });
  mkdirSync(join(project, 'sub', 'dir'), { recursive: true });
  const env = { BIZ_HOME: join(home, 'biz') };
  const userFile = join(home, 'biz', 'config', 'config.yaml');
  mkdirSync(join(home, 'biz', 'config'), { recursive: true });
  return { home, project, env, userFile, projectFile: join(project, '.biz', 'config.yaml') };
}

describe('config precedence: flags > environment > project > user', () => {
  it('takes each key from the highest layer that sets it and says where it came from', async () => {
    const s = setup();
    writeFileSync(s.userFile, 'models:\n  default: openai:gpt-4o-mini\n  timeoutMs: 1000\nscan:\n  failOn: low\ngitlab:\n  url: https://gitlab.user.example\n');
    writeFileSync(s.projectFile, 'models:\n  default: ollama:llama3.2\nscan:\n  failOn: medium\n');
    const env = { ...s.env, BIZ_FAIL_ON: 'critical', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' };
    const c = await loadConfig({ cwd: join(s.project, 'sub', 'dir'), env, flags: { 'models.default': 'openai:gpt-4.1' } });
    expect(c.values.models?.default).toBe('openai:gpt-4.1');
    expect(c.origins.get('models.default')).toBe('flag');
    expect(c.values.scan?.failOn).toBe('critical');
    expect(c.origins.get('scan.failOn')).toBe('environment variable BIZ_FAIL_ON');
    expect(c.values.models?.timeoutMs).toBe(1000);
    expect(c.origins.get('models.timeoutMs')).toBe(s.userFile);
    expect(c.values.gitlab?.url).toBe('https://gitlab.user.example');
    expect(c.values.models?.openai?.baseUrl).toBe('http://127.0.0.1:1/v1');
    expect(c.projectFile).toBe(s.projectFile);

    const withoutFlag = await loadConfig({ cwd: s.project, env: s.env });
    expect(withoutFlag.values.models?.default).toBe('ollama:llama3.2');
    expect(withoutFlag.origins.get('models.default')).toBe(s.projectFile);
    expect(withoutFlag.values.scan?.failOn).toBe('medium');
  });

  it('coerces numbers from the environment and rejects a bad one by name', async () => {
    const s = setup();
    expect((await loadConfig({ cwd: s.project, env: { ...s.env, BIZ_MAX_COST: '0.5' } })).values.models?.maxCostUsd).toBe(0.5);
    await expect(loadConfig({ cwd: s.project, env: { ...s.env, BIZ_MAX_COST: 'lots' } })).rejects.toThrow(/environment variable BIZ_MAX_COST: models.maxCostUsd/);
  });
});

describe('bad config files name the file, the line and the key', () => {
  it('broken YAML', async () => {
    const s = setup();
    writeFileSync(s.userFile, 'models:\n  default: x\n  bad: [unclosed\n');
    await expect(loadConfig({ cwd: s.project, env: s.env })).rejects.toThrow(new RegExp(`${s.userFile}:\\d+: invalid YAML`));
  });

  it('unknown key, with its line', async () => {
    const s = setup();
    writeFileSync(s.projectFile, 'scan:\n  failOn: high\nmodels:\n  defualt: openai:gpt-4o\n');
    await expect(loadConfig({ cwd: s.project, env: s.env })).rejects.toThrow(`${s.projectFile}:4: models: unknown key "defualt"`);
  });

  it('wrong value, with its line', async () => {
    const s = setup();
    writeFileSync(s.projectFile, 'scan:\n  failOn: severe\n');
    await expect(loadConfig({ cwd: s.project, env: s.env })).rejects.toThrow(new RegExp(`${s.projectFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: scan.failOn: `));
  });

  it('a URL that is not http(s)', async () => {
    const s = setup();
    writeFileSync(s.userFile, 'osv:\n  apiUrl: ftp://mirror\n');
    await expect(loadConfig({ cwd: s.project, env: s.env })).rejects.toThrow(/:2: osv.apiUrl: must be an http\(s\) URL/);
  });
});

describe('config set and unset', () => {
  it('keeps comments, validates before writing and removes emptied parents', async () => {
    const s = setup();
    writeFileSync(s.userFile, '# my settings\nscan:\n  failOn: low # strict\n');
    setConfigValue(s.userFile, 'models.maxCostUsd', '2.5');
    expect(readFileSync(s.userFile, 'utf8')).toContain('# my settings');
    expect(readFileSync(s.userFile, 'utf8')).toContain('# strict');
    expect((await loadConfig({ cwd: s.project, env: s.env })).values.models?.maxCostUsd).toBe(2.5);

    const before = readFileSync(s.userFile, 'utf8');
    expect(() => setConfigValue(s.userFile, 'scan.failOn', 'severe')).toThrow(/scan.failOn/);
    expect(() => setConfigValue(s.userFile, 'scan.failon', 'high')).toThrow(/unknown config key "scan.failon"/);
    expect(readFileSync(s.userFile, 'utf8')).toBe(before);

    expect(unsetConfigValue(s.userFile, 'models.maxCostUsd')).toBe(true);
    expect(readFileSync(s.userFile, 'utf8')).not.toContain('models');
    expect(unsetConfigValue(s.userFile, 'models.maxCostUsd')).toBe(false);
  });
});
