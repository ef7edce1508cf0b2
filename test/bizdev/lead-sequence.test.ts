import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/agents/bizdev/leads/lead';
import { loadSequence, planFollowUps } from '../../src/agents/bizdev/leads/sequence';

const scratch = mkdtempSync(join(tmpdir(), 'biz-sequence-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let files = 0;
function sequenceFile(yaml: string): string {
  const path = join(scratch, `sequence-${++files}.yaml`);
  writeFileSync(path, yaml);
  return path;
}

const jane: Lead = { firstName: 'Jane', lastName: 'Doe', email: 'jane@acme.com', company: 'Acme', title: 'VP Sales', flags: [] };
const templates = join(import.meta.dirname, '..', '..', 'templates', 'sequences');

describe('loadSequence', () => {
  it.each(['default', 'inbound'])('loads the shipped %s sequence', (name) => {
    const sequence = loadSequence(join(templates, `${name}.yaml`));
    expect(sequence.name).toBe(name);
    expect(sequence.steps.length).toBeGreaterThan(2);
  });

  it('names the file, the line and the field of an unknown placeholder', () => {
    const path = sequenceFile('name: s\nsteps:\n  - day: 0\n    type: email\n    subject: Hi\n  - day: 2\n    type: call\n    subject: Call\n    description: "Ask {{firstname}} about {{company}}"\n');
    expect(() => loadSequence(path)).toThrow(expect.objectContaining({ message: `${path}:9: steps[1].description: unknown placeholder {{firstname}}`, exitCode: 2 }));
  });

  it('accepts known placeholders with and without a fallback', () => {
    const path = sequenceFile('name: s\nsteps:\n  - day: 0\n    type: email\n    subject: "Hi {{ firstName | there }}"\n    description: "{{fullName}} at {{company}}"\n');
    expect(loadSequence(path).steps[0]).toEqual({ day: 0, type: 'email', subject: 'Hi {{ firstName | there }}', description: '{{fullName}} at {{company}}' });
  });

  it.each([
    ['an unknown type', 'name: s\nsteps:\n  - day: 0\n    type: meeting\n    subject: Hi\n', ':4: steps[0].type: Invalid option'],
    ['a negative day', 'name: s\nsteps:\n  - day: 0\n    type: email\n    subject: Hi\n  - day: -1\n    type: call\n    subject: Call\n', ':6: steps[1].day:'],
    ['a missing subject (at its step)', 'name: s\nsteps:\n  - day: 0\n    type: email\n', ':3: steps[0].subject:'],
    ['a misspelt key', 'name: s\nsteps:\n  - day: 0\n    type: email\n    subject: Hi\n    descripton: x\n', ':6: steps[0].descripton: Unrecognized key'],
    ['no steps', 'name: s\nsteps: []\n', ':2: steps:'],
    ['no name', 'steps:\n  - day: 0\n    type: email\n    subject: Hi\n', ':1: name:'],
    ['broken YAML', 'name: s\nsteps:\n  - day: 0\n   type: email\n', ':4: not valid YAML'],
  ])('names the line and field of %s', (_what, yaml, message) => {
    const path = sequenceFile(yaml);
    expect(() => loadSequence(path)).toThrow(`${path}${message}`);
  });

  it('says when the file cannot be read', () => {
    expect(() => loadSequence(join(scratch, 'missing.yaml'))).toThrow(/cannot read sequence .*missing\.yaml: ENOENT/);
  });
});

describe('planFollowUps', () => {
  const sequence = loadSequence(
    sequenceFile(
      [
        'name: weekdays',
        'steps:',
        '  - { day: 0, type: email, subject: "Hi {{firstName|there}}", description: "Intro to {{company}} for {{title}}" }',
        '  - { day: 1, type: call, subject: "Call {{fullName}}", description: "" }',
        '  - { day: 2, type: task, subject: "Task", description: "Owner: {{owner}}." }',
        '  - { day: 3, type: check-in, subject: "Check in", description: "{{owner|the team}}" }',
        '  - { day: 10, type: email, subject: "Later", description: "" }',
      ].join('\n'),
    ),
  );

  it('dates steps by day offset, a Saturday or Sunday moved to Monday, and fills placeholders', () => {
    const friday = new Date(2026, 0, 2, 15, 30);
    expect(planFollowUps(sequence, friday, jane)).toEqual([
      { step: 1, type: 'email', subject: 'Hi Jane', description: 'Intro to Acme for VP Sales', due: '2026-01-02' },
      { step: 2, type: 'call', subject: 'Call Jane Doe', description: '', due: '2026-01-05' },
      { step: 3, type: 'task', subject: 'Task', description: 'Owner: .', due: '2026-01-05' },
      { step: 4, type: 'check-in', subject: 'Check in', description: 'the team', due: '2026-01-05' },
      { step: 5, type: 'email', subject: 'Later', description: '', due: '2026-01-12' },
    ]);
  });

  it('keeps weekdays as they are', () => {
    const monday = new Date(2026, 0, 5);
    expect(planFollowUps(sequence, monday, jane).map((s) => s.due)).toEqual(['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-15']);
  });

  it('moves a start on a weekend to Monday and uses fallbacks for missing fields', () => {
    const saturday = new Date(2026, 0, 3);
    const [first] = planFollowUps(sequence, saturday, { lastName: 'Doe', email: 'doe@acme.com', company: 'Acme', flags: [], owner: 'Sam' });
    expect(first).toMatchObject({ subject: 'Hi there', description: 'Intro to Acme for ', due: '2026-01-05' });
  });
});
