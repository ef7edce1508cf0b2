import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND, type Brand } from '../../src/agents/marketing/quality/brand';
import { checkDraft, GATE_PENALTY, RecentIndex, type Draft, type GateResult } from '../../src/agents/marketing/quality/gates';
import { linkProblem } from '../../src/agents/marketing/quality/urls';

const BODY = 'biz 2.1 ships today with GitLab reports, a quieter log and faster scans across every lockfile we know.';
const brand = (hashtags: Partial<Brand['hashtags']> = {}, avoid: string[] = []): Brand => ({ ...DEFAULT_BRAND, avoid, hashtags: { ...DEFAULT_BRAND.hashtags, ...hashtags } });
const check = (draft: Draft, b: Brand = DEFAULT_BRAND, recent: { id: string; text: string }[] = []) => checkDraft(draft, { brand: b, recent });
const gate = (result: GateResult, name: string) => result.gates.find((g) => g.gate === name)!;

/** The sum of the points in the reasons: every point of the score is explained there. */
const explained = (result: GateResult) => result.reasons.reduce((sum, r) => sum + Number(/\(-(\d+)\)$|^-(\d+) /.exec(r)!.slice(1).find(Boolean)), 0);

describe('checkDraft', () => {
  it('gives a clean post 100, every gate passed and nothing to explain', () => {
    const result = check({ text: `${BODY} #biz` });
    expect(result).toMatchObject({ score: 100, passed: true, reasons: [] });
    expect(result.gates.map((g) => g.gate)).toEqual(['length', 'link', 'hashtag-count', 'required-hashtags', 'banned-hashtags', 'banned-words', 'duplicate']);
    expect(result.gates.every((g) => g.ok && g.reason)).toBe(true);
    expect(result.sentiment.label).not.toBe('negative');
  });

  describe('length gate', () => {
    it('passes 280 weighted characters and fails 281, saying by how much', () => {
      expect(gate(check({ text: 'a'.repeat(280) }), 'length').ok).toBe(true);
      const over = check({ text: 'a'.repeat(281) });
      expect(gate(over, 'length')).toEqual({ gate: 'length', ok: false, reason: "the post is 281 weighted characters, 1 over X's 280" });
      expect(over.passed).toBe(false);
    });

    it('counts CJK double: 140 kanji pass, 141 fail', () => {
      expect(gate(check({ text: '日'.repeat(140) }), 'length').ok).toBe(true);
      expect(gate(check({ text: '日'.repeat(141) }), 'length').reason).toBe("the post is 282 weighted characters, 2 over X's 280");
    });

    it('checks every post of a thread and names the one over', () => {
      expect(gate(check({ text: 'a', thread: ['a'.repeat(280), 'b'.repeat(280)] }), 'length').ok).toBe(true);
      const result = check({ text: 'a', thread: ['a'.repeat(100), 'b'.repeat(290)] });
      expect(gate(result, 'length').reason).toBe("post 2 of 2 is 290 weighted characters, 10 over X's 280");
    });

    it('counts a link to be added as a space and 23, and a link already in the text once', () => {
      const link = `https://biz.dev/${'long-path/'.repeat(10)}`;
      expect(gate(check({ text: 'a'.repeat(256), link }), 'length').ok).toBe(true);
      expect(gate(check({ text: 'a'.repeat(257), link }), 'length').reason).toBe("the post is 281 weighted characters with the link added, 1 over X's 280");
      expect(gate(check({ text: `${'a'.repeat(256)} ${link}`, link }), 'length').ok).toBe(true);
    });
  });

  describe('link gate', () => {
    it('passes an absolute https link to a host with a TLD', () => {
      expect(gate(check({ text: BODY, link: 'https://biz.dev/2.1?utm_source=x' }), 'link').ok).toBe(true);
      expect(gate(check({ text: BODY, link: 'http://docs.example.co.uk/a' }), 'link').ok).toBe(true);
      expect(gate(check({ text: BODY, link: 'https://例え.jp/パス' }), 'link').ok).toBe(true);
    });

    it.each([
      ['javascript:alert(1)', 'has the scheme javascript:'],
      ['data:text/html,<b>hi</b>', 'has the scheme data:'],
      ['ftp://biz.dev/file', 'has the scheme ftp:'],
      ['https://biz.dev/a b', 'contains a space'],
      ['biz.dev/2.1', 'is not an absolute URL'],
      ['https://localhost:3000/x', 'has no host with a top-level domain (localhost)'],
      ['https://10.0.0.1/x', 'has no host with a top-level domain (10.0.0.1)'],
    ])('fails %s', (link, why) => {
      const result = check({ text: BODY, link });
      expect(gate(result, 'link').ok).toBe(false);
      expect(gate(result, 'link').reason).toContain(why);
      expect(linkProblem(link)).toContain(why);
    });
  });

  describe('hashtag-count gate', () => {
    it('passes the brand maximum and fails one more, counting tags of the text and of `hashtags` once each', () => {
      expect(gate(check({ text: `${BODY} #biz #Biz`, hashtags: ['#scan'] }), 'hashtag-count').ok).toBe(true);
      const result = check({ text: `${BODY} #biz #scan`, hashtags: ['gitlab'] });
      expect(gate(result, 'hashtag-count').reason).toBe("3 hashtags (#biz #scan #gitlab), 1 over the brand's maximum of 2");
    });

    it('does not take a # inside a URL, an all-digit tag or a number sign for a hashtag', () => {
      expect(gate(check({ text: `${BODY} #biz #2024 https://biz.dev/docs#install issue#12`, hashtags: ['#scan'] }), 'hashtag-count').ok).toBe(true);
    });
  });

  describe('required-hashtags gate', () => {
    const b = brand({ required: ['#Acme'] });
    it('passes when the required tag is there, in any case, in the text or in `hashtags`', () => {
      expect(gate(check({ text: `${BODY} #acme` }, b), 'required-hashtags').ok).toBe(true);
      expect(gate(check({ text: BODY, hashtags: ['ACME'] }, b), 'required-hashtags').ok).toBe(true);
    });

    it('fails on a look-alike tag or the bare word', () => {
      const result = check({ text: `${BODY} #acmes by acme` }, b);
      expect(gate(result, 'required-hashtags')).toEqual({ gate: 'required-hashtags', ok: false, reason: 'missing 1 of 1 required hashtag: #Acme' });
    });
  });

  describe('banned-hashtags gate', () => {
    const b = brand({ banned: ['#ad'] });
    it('passes a look-alike tag and the bare word', () => {
      expect(gate(check({ text: `${BODY} #adventure, ad hoc` }, b), 'banned-hashtags').ok).toBe(true);
    });

    it('fails the banned tag in any case', () => {
      expect(gate(check({ text: `${BODY} #AD` }, b), 'banned-hashtags').reason).toBe('uses 1 banned hashtag: #AD');
    });
  });

  describe('banned-words gate', () => {
    const b = brand({}, ['synergy', 'game changer']);
    it('passes words that only contain a banned one, and a banned word inside a link', () => {
      expect(gate(check({ text: `${BODY} Synergies, synergyless, https://biz.dev/synergy` }, b), 'banned-words').ok).toBe(true);
    });

    it('fails whole words in any case and with accents, and phrases across spaces and lines', () => {
      const result = check({ text: `Real SYNÉRGY here, synergy again. A game\n  changer.` }, b);
      expect(gate(result, 'banned-words').reason).toBe('uses 2 words the brand avoids: "synergy" (2 times), "game changer"');
    });
  });

  describe('duplicate gate', () => {
    const recent = [{ id: '41', text: `${BODY} #biz` }];
    it('fails a near copy of a recent post, naming it', () => {
      const result = check({ text: `${BODY.toUpperCase()}!! #biz https://biz.dev` }, DEFAULT_BRAND, recent);
      expect(gate(result, 'duplicate').reason).toBe('100% similar to recent post 41 (limit 80%): X refuses duplicate posts');
    });

    it('passes a post on the same subject that says something else, and takes a prebuilt index', () => {
      const other = 'biz 2.1 ships today: the new policy engine lets teams block risky merges before they reach main.';
      expect(gate(checkDraft({ text: other }, { brand: DEFAULT_BRAND, recent: new RecentIndex(recent) }), 'duplicate').ok).toBe(true);
    });
  });

  describe('score', () => {
    it('takes 40 for each failed gate, names the gate first, and never goes below 0', () => {
      const result = check({ text: `${'synergy '.repeat(40)}#ad #a #b`, link: 'javascript:x' }, brand({ banned: ['#ad'], required: ['#acme'] }, ['synergy']));
      expect(result.passed).toBe(false);
      expect(result.score).toBe(0);
      expect(result.reasons.slice(0, 5).map((r) => r.split(':')[0])).toEqual(['length', 'link', 'hashtag-count', 'required-hashtags', 'banned-hashtags']);
      for (const r of result.reasons.filter((r) => r.endsWith(`(-${GATE_PENALTY})`))) expect(r).not.toMatch(/^[+-]?\d/);
    });

    it('takes 15 for a negative tone, naming the words', () => {
      const result = check({ text: 'Our last release was a terrible failure and we hate how broken the upgrade was for you.' });
      expect(result.passed).toBe(true);
      expect(result.reasons).toEqual([expect.stringMatching(/^-15 negative tone \(sentiment -0\.\d+ from "terrible", "failure", "hate", "broken"\)$/)]);
      expect(result.score).toBe(85);
    });

    it('takes 15 for shouting, but not for a few acronyms', () => {
      expect(check({ text: 'HUGE NEWS: BIZ 2.1 IS HERE AND IT IS FAST. Get it on npm.' }).reasons).toContain('-15 shouting: 9 of 13 words in capitals');
      expect(check({ text: 'biz 2.1 writes SARIF for GitHub, JSON for CI and HTML for people who read reports.' }).score).toBe(100);
    });

    it('takes 5 for each exclamation mark past two, and for each emoji past three', () => {
      expect(check({ text: `${BODY} Yes! Really!` }).score).toBe(100);
      expect(check({ text: `${BODY} Yes! Really! Now!` }).reasons).toEqual(['-5 3 exclamation marks, more than 2']);
      expect(check({ text: `${BODY} 🚀🎉✅` }).score).toBe(100);
      expect(check({ text: `${BODY} 🚀🎉✅👩🏽‍💻🇧🇷` }).reasons).toEqual(['-10 5 emoji, more than 3']);
    });

    it('takes 10 for a post that says almost nothing besides links and tags', () => {
      expect(check({ text: 'New release! https://biz.dev #biz' }).reasons).toEqual(['-10 very short: 12 characters besides links, hashtags and mentions (40 or more says something)']);
      expect(check({ text: 'New release with GitLab reports and faster scans! https://biz.dev #biz' }).score).toBe(100);
    });

    it('explains every point: the score is 100 less the points in the reasons', () => {
      const drafts: Draft[] = [
        { text: 'WE ARE SO SO BACK!!! TERRIBLE WAIT IS OVER 🚀🚀🚀🚀🚀' },
        { text: `${'x'.repeat(290)} #a #b #c`, link: 'https://biz.dev' },
        { text: 'ok' },
        { text: BODY },
      ];
      for (const draft of drafts) {
        const result = check(draft);
        expect(result.score).toBe(Math.max(0, 100 - explained(result)));
        expect(check(draft)).toEqual(result);
      }
    });
  });
});
