import { describe, expect, it } from 'vitest';
import { comparableText, nearDuplicateOf, RecentIndex } from '../../src/agents/marketing/quality/near-duplicate';

const recent = [
  { id: '1', text: 'biz 2.0 is out: faster scans, SARIF output and a new TUI. Upgrade with npm i -g biz today https://biz.dev/2.0' },
  { id: '2', text: 'How we cut scan times in half by prefiltering on keywords before running each secret rule.' },
  { id: '3', text: '新しいバージョンを公開しました。スキャンが速くなりました。' },
  { id: '4', text: 'Ship it Friday!' },
];

describe('comparableText', () => {
  it('lower-cases, folds to NFKC, drops URLs, @ and punctuation, and collapses spaces', () => {
    expect(comparableText('  Hello,   @Biz!!  See https://biz.dev/x and docs.biz.dev — ＦＵＬＬ  ')).toBe('hello biz see and full');
  });

  it('keeps the links of a post that is nothing else', () => {
    expect(comparableText('https://biz.dev/2.0')).toBe('https biz dev 2 0');
  });
});

describe('nearDuplicateOf', () => {
  it('finds the same post with different case, punctuation, mentions and link', () => {
    const hit = nearDuplicateOf('BIZ 2.0 is out — faster scans, SARIF output, and a new TUI! Upgrade with npm i -g biz today: https://biz.dev/release', recent);
    expect(hit?.id).toBe('1');
    expect(hit!.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it('finds a long post with one word changed, and lets a short one through (word 3-grams: one word is three shingles)', () => {
    const long = 'Our scanner now reads every lockfile it knows in one pass, checks each package against the offline database, and writes SARIF that GitHub and GitLab both accept without any extra step on your side.';
    const index = new RecentIndex([{ id: 'long', text: long }, ...recent]);
    expect(index.nearest(long.replace('extra step', 'additional step'))?.id).toBe('long');
    expect(index.nearest('How we cut scan times in half by prefiltering on keywords before running every secret rule.')).toBeUndefined();
  });

  it('misses a look-alike that shares the topic and some words but says something else', () => {
    expect(nearDuplicateOf('biz 2.1 is out: a new policy engine, GitLab reports and quieter logs. Upgrade with npm i -g biz https://biz.dev/2.1', recent)).toBeUndefined();
    expect(nearDuplicateOf('How we cut memory use by a third when parsing lockfiles for every ecosystem.', recent)).toBeUndefined();
  });

  it('compares short texts and Japanese by characters', () => {
    expect(nearDuplicateOf('ship it friday', recent)?.id).toBe('4');
    expect(nearDuplicateOf('Ship it Monday!', recent)).toBeUndefined();
    expect(nearDuplicateOf('新しいバージョンを公開しました!スキャンが速くなりました', recent)?.id).toBe('3');
    expect(nearDuplicateOf('新しい料金プランを発表しました。チーム向けです。', recent)).toBeUndefined();
  });

  it('takes a threshold, and gives the most similar post', () => {
    const loose = 'biz 2.0 is out: faster scans and SARIF output. Try it today';
    expect(nearDuplicateOf(loose, recent)).toBeUndefined();
    expect(nearDuplicateOf(loose, recent, 0.2)?.id).toBe('1');
    const both = new RecentIndex([
      { id: 'a', text: 'one two three four five six seven eight nine ten' },
      { id: 'b', text: 'one two three four five six seven eight nine ten eleven' },
    ]);
    expect(both.nearest('one two three four five six seven eight nine ten')).toEqual({ id: 'a', similarity: 1 });
  });

  it('reports nothing against no recent posts', () => {
    expect(nearDuplicateOf('anything at all', [])).toBeUndefined();
  });
});
