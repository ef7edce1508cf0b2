/** The SDK behind one static re-export: esbuild's code splitting gives a dynamic import() of a CommonJS package only a default export. */
export { Connection, OAuth2 } from 'jsforce';
export { Transport } from 'jsforce/lib/transport.js';
export { StreamPromise } from 'jsforce/lib/util/promise.js';
