/** The SDK behind one static re-export: esbuild's code splitting gives a dynamic import() of a CommonJS package only a default export. */
export { LogLevel, WebClient } from '@slack/web-api';
