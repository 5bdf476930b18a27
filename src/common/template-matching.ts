/**
 * How lenient templates compare text. Headers ignore case, spaces, dashes and underscores ("Last Name"
 * is "LastName"); fixed values ignore case and spaces and treat every dash alike, so "counselor — caseload
 * only" is "Counselor—Caseload Only".
 */
export const looseHeader = (name: string) =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-\u2010-\u2015]+/g, '');

export const looseValue = (value: string) =>
  value
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, '');

/** The list's own spelling of `value`, or undefined when the list does not hold it. */
export function matchAllowedValue(allowed: readonly string[], value: string): string | undefined {
  const wanted = looseValue(value);
  return allowed.find((candidate) => looseValue(candidate) === wanted);
}
