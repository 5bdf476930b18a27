import type { SeatSnapshotsTable } from '../../db/schema.ts';

export interface HistoryPoint {
  day: string;
  active: number;
  invited: number;
  seats: number;
}

const dayMs = 86_400_000;
const maxDays = 366;

/**
 * One point per day from the contract's start (at most the last year) to today. A snapshot is written
 * only on a day seats changed, so a day without one carries the last known value; before the first
 * snapshot, use was zero as far as the contract knows. Today's point is the live count.
 */
export function dailyHistory(
  snapshots: readonly SeatSnapshotsTable[],
  contract: { startsOn: string; seats: number },
  today: string,
  now: Omit<HistoryPoint, 'day'>,
): HistoryPoint[] {
  const byDay = new Map(snapshots.map((s) => [s.day, s]));
  const end = Date.parse(`${today}T00:00:00Z`);
  const start = Math.max(Date.parse(`${contract.startsOn}T00:00:00Z`), end - (maxDays - 1) * dayMs);
  const out: HistoryPoint[] = [];
  let last: HistoryPoint = { day: '', active: 0, invited: 0, seats: contract.seats };
  const earlier = snapshots.filter((s) => Date.parse(`${s.day}T00:00:00Z`) < start).at(-1);
  if (earlier) last = { ...earlier, day: '' };
  for (let t = start; t <= end; t += dayMs) {
    const day = new Date(t).toISOString().slice(0, 10);
    const seen = byDay.get(day);
    if (seen) last = { day, active: seen.active, invited: seen.invited, seats: seen.seats };
    out.push(day === today ? { day, ...now } : { ...last, day });
  }
  return out;
}
