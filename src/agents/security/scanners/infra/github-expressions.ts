/**
 * Event fields anyone can set by opening an issue or pull request, commenting, or naming a branch (GitHub's list of
 * untrusted input in "Security hardening for GitHub Actions").
 */
const UNTRUSTED_CONTEXTS: RegExp[] = [
  /\bgithub\.event\.(?:issue|pull_request|discussion)\.(?:title|body)\b/,
  /\bgithub\.event\.(?:comment|review|review_comment|discussion_comment)\.body\b/,
  /\bgithub\.event\.pages(?:\[[^\]]*\]|\.\*)\.page_name\b/,
  /\bgithub\.event\.commits(?:\[[^\]]*\]|\.\*)\.(?:message|author\.(?:email|name))\b/,
  /\bgithub\.event\.(?:workflow_run\.)?head_commit\.(?:message|author\.(?:email|name))\b/,
  /\bgithub\.event\.pull_request\.head\.(?:ref|label|repo\.default_branch)\b/,
  /\bgithub\.event\.workflow_run\.(?:head_branch|display_title)\b/,
  /\bgithub\.head_ref\b/,
];

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

export interface Expression {
  text: string; // the whole `${{ ... }}`
  index: number;
}

/** `${{ }}` expressions in `text` that read attacker-controlled event data. */
export function untrustedExpressions(text: string): Expression[] {
  return [...text.matchAll(EXPRESSION)]
    .filter((m) => UNTRUSTED_CONTEXTS.some((context) => context.test(m[1])))
    .map((m) => ({ text: m[0], index: m.index }));
}

/** Expressions that read a secret: `${{ secrets.NPM_TOKEN }}`, `${{ secrets['X'] }}`. */
export function secretExpressions(text: string): Expression[] {
  return [...text.matchAll(EXPRESSION)].filter((m) => /\bsecrets\s*[.[]/.test(m[1])).map((m) => ({ text: m[0], index: m.index }));
}

/** A checkout ref or repository that names the pull request head (the untrusted code) rather than the base. */
export const PULL_REQUEST_HEAD =
  /\bgithub\.event\.pull_request\.(?:head\.(?:sha|ref|repo\.full_name)|merge_commit_sha)\b|\bgithub\.head_ref\b|\bgithub\.event\.workflow_run\.(?:head_sha|head_branch|head_repository\.full_name)\b|refs\/pull\/|\bgithub\.event\.(?:number|pull_request\.number)\b/;
