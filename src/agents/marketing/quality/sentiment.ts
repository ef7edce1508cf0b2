import { createRequire } from 'node:module';

interface WinkToken {
  value: string;
  score?: number;
  negation?: boolean;
}
type WinkSentiment = (text: string) => { normalizedScore: number; tokenizedPhrase?: WinkToken[] };

export interface Sentiment {
  /** From -1 (very negative) to 1 (very positive). */
  score: number;
  label: 'negative' | 'neutral' | 'positive';
  /** The words, emoji, emoticons and hashtags that carried a score, to explain it ("good (negated)"). */
  words: string[];
}

/** wink-sentiment's normalized score runs from -5 to 5. */
const WINK_SCALE = 5;
const NEUTRAL_BAND = 0.1;

let wink: WinkSentiment | undefined;
/** Loaded on first use: its lexicons take about 20 ms to load, which commands that never score a post should not pay. */
const winkSentiment = (): WinkSentiment => (wink ??= createRequire(import.meta.url)('wink-sentiment') as WinkSentiment);

export function sentimentOf(text: string): Sentiment {
  const result = winkSentiment()(text);
  const score = Math.max(-1, Math.min(1, result.normalizedScore / WINK_SCALE));
  const label = score <= -NEUTRAL_BAND ? 'negative' : score >= NEUTRAL_BAND ? 'positive' : 'neutral';
  const words = (result.tokenizedPhrase ?? []).filter((t) => t.score).map((t) => (t.negation ? `${t.value} (negated)` : t.value));
  return { score: Math.round(score * 1000) / 1000 || 0, label, words };
}
