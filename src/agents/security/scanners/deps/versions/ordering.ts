/** How one ecosystem orders its versions. `compare` is only called with versions `valid` accepted. */
export interface VersionOrdering {
  valid(version: string): boolean;
  compare(a: string, b: string): number;
}
