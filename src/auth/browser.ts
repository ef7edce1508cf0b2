import { spawn } from 'node:child_process';
import type { OutputMode } from '../core/context';

/** A browser can be opened when a person is at the terminal and there is a desktop to show it on. */
export function canOfferBrowser(output: OutputMode, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
  if (!output.interactive) return false;
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Opens a URL with the desktop's handler, detached; failures are silent because the URL is already on screen. */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const [cmd, args] = platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}
