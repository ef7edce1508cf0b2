const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A run of characters emoji are made of, with the digit or sign a keycap starts with. Only these runs are cut into
 * graphemes: Intl.Segmenter costs microseconds per character, and no emoji sequence reaches outside such a run.
 */
const EMOJI_RUN = /[0-9#*]?(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\u200D|\uFE0F|\u20E3|[\u{E0020}-\u{E007F}])+/gu;
/** What an emoji sequence is built on: a pictograph, a flag letter, or a keycap. */
const EMOJI_BASE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|^[0-9#*]\uFE0F?\u20E3$/u;
/** What joins or modifies an emoji: ZWJ, variation selector 16, keycap mark, tag characters, skin tones, flag letters. */
const EMOJI_COMPONENT = /\u200D|\uFE0F|\u20E3|[\u{E0020}-\u{E007F}]|\p{Emoji_Modifier}|\p{Regional_Indicator}/u;
/** Shown as an emoji (not as text): an emoji-style pictograph, a variation selector 16, a keycap or a flag. */
const SHOWN_AS_EMOJI = /\p{Emoji_Presentation}|\uFE0F|\u20E3|\p{Regional_Indicator}/u;

function graphemesOf(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

export interface EmojiRun {
  start: number;
  end: number;
  graphemes: string[];
}

/** Pictographs with nothing joining or modifying them are one grapheme each, without asking the segmenter. */
const runGraphemes = (run: string) => (EMOJI_COMPONENT.test(run) ? graphemesOf(run) : [...run]);

export function emojiRuns(text: string): EmojiRun[] {
  const runs: EmojiRun[] = [];
  // exec on the shared pattern, not matchAll: matchAll copies the pattern, which costs more than the match.
  EMOJI_RUN.lastIndex = 0;
  for (let m = EMOJI_RUN.exec(text); m; m = EMOJI_RUN.exec(text)) runs.push({ start: m.index, end: m.index + m[0].length, graphemes: runGraphemes(m[0]) });
  return runs;
}

/**
 * An emoji made of several code points (a ZWJ family, a skin tone, a flag, a keycap, a pictograph with VS16): X
 * counts it as one emoji. A lone pictograph is left to its code point's weight (X counts a bare © as 1).
 */
export function isEmojiSequence(grapheme: string): boolean {
  return grapheme.length > 1 && [...grapheme].length > 1 && EMOJI_BASE.test(grapheme) && EMOJI_COMPONENT.test(grapheme);
}

export function emojiCount(text: string): number {
  return emojiRuns(text).reduce((count, run) => count + run.graphemes.filter((g) => SHOWN_AS_EMOJI.test(g)).length, 0);
}
