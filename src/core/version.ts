declare const BIZ_VERSION: string | undefined;

/** Injected by the bundler from package.json; tests running the sources see the dev marker. */
export const VERSION: string = typeof BIZ_VERSION === 'undefined' ? '0.0.0-dev' : BIZ_VERSION;
