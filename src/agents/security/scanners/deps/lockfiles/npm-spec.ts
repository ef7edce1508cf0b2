/** Splits "name@range" (scoped names keep their leading @) into name and range. */
export function splitNameAt(spec: string): { name: string; rest: string } | undefined {
  const at = spec.indexOf('@', 1);
  if (at <= 0) return undefined;
  return { name: spec.slice(0, at), rest: spec.slice(at + 1) };
}

/** A published npm version, as opposed to a git URL, tarball or local path in the version field. */
export function isRegistryVersion(version: string): boolean {
  return /^\d+\.\d+\.\d+/.test(version);
}
