/** Source text of a node, whitespace collapsed: a stable `matched` for fingerprints. */
export function normalisedSource(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function describe(text: string, max = 60): string {
  const normalised = normalisedSource(text);
  return normalised.length > max ? `${normalised.slice(0, max - 1)}…` : normalised;
}
