/**
 * Pack versions (MAJOR.MINOR.PATCH, as the schema requires). The version in force on a
 * database only moves forward, so an out-of-date instance can never take a policy back.
 */

/** Negative when `a` is older than `b`, 0 when equal, positive when newer. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** The next patch version: what to write when only a correction changed. */
export function nextPatch(version: string): string {
  const [major, minor, patch] = parts(version);
  return `${major}.${minor}.${patch! + 1}`;
}

function parts(version: string): number[] {
  const p = version.split('.').map(Number);
  if (p.length !== 3 || p.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`not a pack version: "${version}"`);
  return p;
}
