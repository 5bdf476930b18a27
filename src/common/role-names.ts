/**
 * How a role is named by people: its key or its label, in any case, with any dash or spacing
 * ("Counselor—Caseload Only", "counselor - caseload only", "COUNSELOR–CASELOAD ONLY" are one role).
 * Dashes, underscores and runs of spaces all fold to one space before comparing.
 */
export function roleNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\u002d\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+/g, ' ')
    .trim();
}

/** A key made from a label: "Counselor—Caseload Only" → "counselor_caseload_only". */
export function roleKeyFromLabel(label: string): string {
  return roleNameKey(label)
    .replace(/[^a-z0-9 ]/g, '')
    .trim()
    .replace(/ +/g, '_')
    .slice(0, 64);
}
