import { describe, expect, it } from 'vitest';
import { splitThread } from '../../src/agents/marketing/quality/thread';
import { findUrls } from '../../src/agents/marketing/quality/urls';
import { weightedLength } from '../../src/agents/marketing/quality/x-length';

const sentence = (n: number) => `Sentence number ${n} explains one more thing about the release in plain words.`;
const sentences = (count: number) => Array.from({ length: count }, (_, i) => sentence(i + 1));

describe('splitThread', () => {
  it('keeps a text that fits as one post, without numbering', () => {
    expect(splitThread('  Short and sweet.  ', { numbering: true })).toEqual(['Short and sweet.']);
    expect(splitThread('   ')).toEqual([]);
  });

  it('splits at sentence boundaries and keeps every sentence whole', () => {
    const all = sentences(12);
    const posts = splitThread(all.join(' '));
    expect(posts.length).toBeGreaterThan(1);
    for (const post of posts) expect(weightedLength(post)).toBeLessThanOrEqual(280);
    const rejoined = posts.join(' ');
    for (const s of all) expect(posts.some((p) => p.includes(s))).toBe(true);
    expect(rejoined).toBe(all.join(' '));
  });

  it('numbers the posts " i/n" and counts the numbering in the length', () => {
    const posts = splitThread(sentences(12).join(' '), { numbering: true });
    posts.forEach((post, i) => {
      expect(post.endsWith(` ${i + 1}/${posts.length}`)).toBe(true);
      expect(weightedLength(post)).toBeLessThanOrEqual(280);
    });
  });

  it('makes room for two-digit numbering when the thread has ten posts or more', () => {
    const posts = splitThread(sentences(60).join(' '), { numbering: true });
    expect(posts.length).toBeGreaterThanOrEqual(10);
    for (const post of posts) expect(weightedLength(post)).toBeLessThanOrEqual(280);
    expect(posts.at(-1)).toMatch(new RegExp(` ${posts.length}/${posts.length}$`));
  });

  it('fills each post with as many whole sentences as fit (exactly 280 is allowed)', () => {
    const a = `${'a'.repeat(138)}.`;
    const b = `${'b'.repeat(139)}.`;
    expect(splitThread(`${a} ${b} ${a}`)).toEqual([`${a} ${b}`, a]);
  });

  it('cuts a single over-long sentence between words', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const posts = splitThread(words.join(' '));
    expect(posts.length).toBe(2);
    for (const post of posts) expect(weightedLength(post)).toBeLessThanOrEqual(280);
    expect(posts.join(' ').split(' ')).toEqual(words);
  });

  it('cuts unspaced Japanese between words, each post within the double weight of CJK', () => {
    const text = '今日は新しいバージョンを公開しました'.repeat(12);
    const posts = splitThread(text);
    expect(posts.length).toBeGreaterThan(1);
    for (const post of posts) expect(weightedLength(post)).toBeLessThanOrEqual(280);
    expect(posts.join('')).toBe(text);
  });

  it('never cuts inside a URL, even where the sentence segmenter sees a boundary in it', () => {
    // ICU ends a sentence after the "?" of the query; cutting there would leave "…html?" at the end of the first post.
    const url = 'https://example.com/docs/getting-started.html?lang=en&v=2.0#install-it';
    const text = `We shipped it at long last. ${'Details follow here. '.repeat(10)}Read more at ${url} today. ${sentences(3).join(' ')}`;
    const posts = splitThread(text, { numbering: true });
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.some((p) => p.includes(url))).toBe(true);
    for (const post of posts) expect(weightedLength(post)).toBeLessThanOrEqual(280);
  });

  it('keeps a URL whole when the words around it force a cut', () => {
    const url = `https://example.com/${'segment/'.repeat(40)}end`;
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const text = [...words.slice(0, 30), url, ...words.slice(30)].join(' ');
    const posts = splitThread(text);
    const found = posts.flatMap((p) => findUrls(p).map((u) => u.url));
    expect(found).toContain(url);
    for (const post of posts) expect(weightedLength(post)).toBeLessThanOrEqual(280);
  });

  it('cuts a single word longer than a post between characters, as a last resort, and still not inside a URL', () => {
    expect(splitThread('x'.repeat(600)).map((p) => p.length)).toEqual([280, 280, 40]);
    const url = 'https://example.com/a/long/enough/path';
    const posts = splitThread(`${'y'.repeat(270)}(${url})`);
    expect(posts).toEqual([`${'y'.repeat(270)}(`, `${url})`]);
  });
});
