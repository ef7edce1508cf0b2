import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this module whether it runs from src/ (tests) or from the bundle in dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the biz package root for templates/');
    dir = parent;
  }
  return dir;
}

const cache = new Map<string, string>();

/** A prompt template from templates/prompts/<name>.md. */
export function promptTemplate(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(packageRoot(), 'templates', 'prompts', `${name}.md`), 'utf8').trim();
    cache.set(name, text);
  }
  return text;
}
