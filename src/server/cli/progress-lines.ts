/**
 * Progress for a log file rather than a terminal: a line when the work has moved on by a tenth of the
 * total, or has moved at all after `quietMs`; never the same count twice (a long wait printed 23
 * identical lines before).
 */
export function progressLineDue(
  last: { rows: number; at: number } | undefined,
  rows: number,
  total: number,
  now: number,
  quietMs = 10_000,
): boolean {
  if (!last) return true;
  if (rows === last.rows) return false;
  return rows - last.rows >= Math.max(1, total / 10) || now - last.at >= quietMs;
}
