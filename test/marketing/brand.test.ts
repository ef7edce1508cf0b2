import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND, loadBrand } from '../../src/agents/marketing/quality/brand';
import { UsageError } from '../../src/core/errors';
import { tempDir } from '../helpers';

function brandFile(text: string): string {
  const path = join(tempDir('biz-brand-'), 'brand.md');
  writeFileSync(path, text);
  return path;
}

function errorOf(path: string): UsageError {
  try {
    loadBrand(path);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('loadBrand did not throw');
}

const sections = `# Acme brand

Notes for people, not for the model.

## Voice

Plain, warm and concrete. We say "you", not "users".

### Examples
- "Scans in seconds, not minutes."

## Avoid

- synergy
- "game changer", *world-class*
- leverage

## Hashtags

- max: 3
- required: #acme
- banned: #ad, sponsored
- Prefer product names over generic tags.

## Legal

- nothing here is read
`;

describe('loadBrand', () => {
  it('reads the Voice, Avoid and Hashtags sections and ignores the others', () => {
    expect(loadBrand(brandFile(sections))).toEqual({
      voice: 'Plain, warm and concrete. We say "you", not "users".\n\n### Examples\n- "Scans in seconds, not minutes."',
      avoid: ['synergy', 'game changer', 'world-class', 'leverage'],
      hashtags: { max: 3, required: ['#acme'], banned: ['#ad', '#sponsored'], guidance: 'Prefer product names over generic tags.' },
    });
  });

  it('reads YAML front matter with the same keys', () => {
    const path = brandFile(`---
voice: Short sentences.
avoid: [synergy, leverage]
hashtags:
  max: 1
  required: "#acme"
  banned: ["#ad", spam]
---
Nothing else.
`);
    expect(loadBrand(path)).toEqual({ voice: 'Short sentences.', avoid: ['synergy', 'leverage'], hashtags: { max: 1, required: ['#acme'], banned: ['#ad', '#spam'], guidance: '' } });
  });

  it('adds up lists from both places; a section wins for voice and max', () => {
    const path = brandFile(`---
voice: From the front matter.
avoid: synergy, disrupt
hashtags: { max: 5, required: ["#acme"] }
---
## Voice
From the section.

## Avoid
- Synergy
- leverage

## Hashtags
- max: 2
- required: #launch
`);
    expect(loadBrand(path)).toEqual({
      voice: 'From the section.',
      avoid: ['synergy', 'disrupt', 'leverage'],
      hashtags: { max: 2, required: ['#acme', '#launch'], banned: [], guidance: '' },
    });
  });

  it('gives the defaults for a missing file: at most 2 hashtags, nothing banned', () => {
    expect(loadBrand(join(tempDir(), 'nope.md'))).toEqual(DEFAULT_BRAND);
    expect(DEFAULT_BRAND).toEqual({ voice: '', avoid: [], hashtags: { max: 2, required: [], banned: [], guidance: '' } });
  });

  it('names the file and line of a YAML syntax error in the front matter', () => {
    const path = brandFile('---\nvoice: fine\nhashtags:\n  max: [2\n---\n## Voice\nx\n');
    expect(errorOf(path).message).toBe(`${path}:4: front matter: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`);
  });

  it('names the file, line and key of a wrong value in the front matter', () => {
    const path = brandFile('---\nvoice: fine\nhashtags:\n  max: two\n---\n');
    expect(errorOf(path).message).toBe(`${path}:4: front matter: hashtags.max: Invalid input: expected number, received string`);
  });

  it('names an unknown key in the front matter, and its line', () => {
    const path = brandFile('---\nvoice: fine\ntone: loud\n---\n');
    expect(errorOf(path).message).toBe(`${path}:3: front matter: unknown key "tone"`);
  });

  it('explains an unquoted hashtag in the front matter (YAML reads # as a comment)', () => {
    const path = brandFile('---\nhashtags:\n  required: #acme\n---\n');
    expect(errorOf(path).message).toMatch(new RegExp(`:3: front matter: hashtags.required is empty: in YAML a # starts a comment`));
  });

  it('names the line of front matter that is never closed', () => {
    expect(errorOf(brandFile('---\nvoice: x\n## Voice\n')).message).toMatch(/:1: the front matter that starts here has no closing "---" line$/);
  });

  it('names the line of a bad maximum or a bad hashtag in the Hashtags section', () => {
    expect(errorOf(brandFile('## Hashtags\n\n- max: two\n')).message).toMatch(/brand\.md:3: hashtags max: "two" is not a whole number$/);
    expect(errorOf(brandFile('---\nvoice: v\n---\n## Hashtags\n- required: #ok, #not-ok\n')).message).toMatch(/brand\.md:5: hashtags required: "#not-ok" is not a hashtag/);
  });
});
