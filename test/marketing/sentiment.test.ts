import { describe, expect, it } from 'vitest';
import { sentimentOf } from '../../src/agents/marketing/quality/sentiment';

describe('sentimentOf', () => {
  it('labels clearly positive text positive and names the words that scored', () => {
    const s = sentimentOf('We love this release: it is great and the team is happy.');
    expect(s.label).toBe('positive');
    expect(s.score).toBeGreaterThan(0.1);
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.words).toEqual(expect.arrayContaining(['love', 'great', 'happy']));
  });

  it('labels clearly negative text negative', () => {
    const s = sentimentOf('This is a terrible, awful failure and we hate it.');
    expect(s.label).toBe('negative');
    expect(s.score).toBeLessThan(-0.1);
    expect(s.score).toBeGreaterThanOrEqual(-1);
    expect(s.words).toEqual(expect.arrayContaining(['terrible', 'awful', 'hate']));
  });

  it('labels factual text neutral, with no scored words', () => {
    expect(sentimentOf('Version 2.1 ships on Tuesday with SARIF output.')).toEqual({ score: 0, label: 'neutral', words: [] });
  });

  it('turns a negated positive word negative and says so', () => {
    const s = sentimentOf('This update is not good.');
    expect(s.label).toBe('negative');
    expect(s.words).toEqual(['good (negated)']);
    expect(sentimentOf('This update is good.').label).toBe('positive');
  });

  it('scores emoji and emoticons', () => {
    expect(sentimentOf('Launch day 🎉 :)').label).toBe('positive');
    expect(sentimentOf('Outage again 😡 :(').label).toBe('negative');
  });

  it('gives the same answer every time', () => {
    const text = 'Not bad at all, but the docs are confusing.';
    expect(sentimentOf(text)).toEqual(sentimentOf(text));
  });
});
