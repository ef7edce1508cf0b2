/**
 * The time commands act on. BIZ_NOW (an ISO 8601 date-time) pins it, so schedules and due posts can be tested and
 * replayed; everything else uses the real clock.
 */
export function nowMs(env: NodeJS.ProcessEnv = process.env): number {
  if (!env.BIZ_NOW) return Date.now();
  const pinned = Date.parse(env.BIZ_NOW);
  if (Number.isNaN(pinned)) throw new Error(`BIZ_NOW is not an ISO 8601 date-time: "${env.BIZ_NOW}"`);
  return pinned;
}
