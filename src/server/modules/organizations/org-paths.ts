/**
 * The deepest organization whose subtree holds every one of these paths (`/tenant/county/site/`), or
 * null for none. Paths of one tenant always share at least the tenant's own.
 */
export function commonAncestorPath(paths: readonly string[]): string | null {
  let common = paths[0];
  if (common === undefined) return null;
  for (const path of paths) {
    // Cut back to the parent until it holds this path: a batch's paths are mostly the same, so this rarely loops.
    while (!path.startsWith(common)) {
      const parentEnd = common.lastIndexOf('/', common.length - 2);
      if (parentEnd < 0) return null;
      common = common.slice(0, parentEnd + 1);
    }
  }
  return common === '/' ? null : common;
}
