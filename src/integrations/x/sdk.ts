/** The SDK behind one static re-export: esbuild's code splitting gives a dynamic import() of a CommonJS package only a default export. */
export { TwitterApi } from 'twitter-api-v2';
