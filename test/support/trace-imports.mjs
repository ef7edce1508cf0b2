// Preload for `node --import`: records every module URL the process loads into $BIZ_TRACE_IMPORTS.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) {
      appendFileSync(${JSON.stringify(process.env.BIZ_TRACE_IMPORTS)}, url + '\\n');
      return next(url, context);
    }
  `)}`,
);
