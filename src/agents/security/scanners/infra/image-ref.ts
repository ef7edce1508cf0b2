/** How firmly an image reference fixes what gets pulled. `unknown` when variables hide the answer. */
export type ImagePin = 'digest' | 'tag' | 'latest' | 'untagged' | 'unknown';

/** `[registry[:port]/]path[:tag][@digest]`: a colon counts as a tag only in the last path component. */
export function imagePin(ref: string): ImagePin {
  const image = ref.trim();
  if (image.includes('@')) return 'digest';
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  if (colon === -1) return image.includes('$') ? 'unknown' : 'untagged';
  const tag = last.slice(colon + 1);
  if (tag === '') return 'untagged';
  return tag === 'latest' ? 'latest' : 'tag';
}

export function isUnpinned(pin: ImagePin): boolean {
  return pin === 'latest' || pin === 'untagged';
}

export function describePin(image: string, pin: ImagePin): string {
  return pin === 'latest' ? `${image} uses the mutable :latest tag` : `${image} has no tag (defaults to :latest)`;
}
