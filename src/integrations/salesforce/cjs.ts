/**
 * jsforce is CommonJS. Node and vitest give its exports as named exports of `import()`; the esbuild bundle (ESM with
 * code splitting) gives only `default`, the whole `module.exports`. This takes whichever holds `name`.
 */
export function commonJs<T extends object>(module: T, name: keyof T): T {
  return module[name] !== undefined ? module : (module as { default?: T }).default ?? module;
}
