import { toInstant } from '../../../common/schemas/enrollment.ts';
import type { SectionRow } from '../../db/schema.ts';
import { fieldError } from '../../platform/errors.ts';

type Times = Pick<SectionRow, 'startsAt' | 'endsAt' | 'enrollOpensAt' | 'enrollClosesAt'>;

/** The section's times as stored (ISO instants), checked in order: starts before it ends, opens before it closes. */
export function sectionTimes(input: { [K in keyof Times]?: string | null }, current: Times | null): Partial<Times> {
  const out: Partial<Times> = {};
  for (const key of ['startsAt', 'endsAt', 'enrollOpensAt', 'enrollClosesAt'] as const) {
    const value = input[key];
    if (value !== undefined) out[key] = value === null ? null : toInstant(value);
  }
  const merged = { ...current, ...out };
  if (merged.startsAt && merged.endsAt && merged.endsAt < merged.startsAt) throw fieldError('endsAt', 'A section ends after it starts.');
  if (merged.enrollOpensAt && merged.enrollClosesAt && merged.enrollClosesAt < merged.enrollOpensAt) {
    throw fieldError('enrollClosesAt', 'Enrollment closes after it opens.');
  }
  return out;
}

/** The values a change replaces, for the audit event's `before`. */
export function changedFields(row: object, keys: readonly string[]): Record<string, unknown> {
  const record = row as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => k !== 'updatedAt').map((k) => [k, record[k]]));
}

export const fullTimes = (t: Partial<Times>): Times => ({
  startsAt: t.startsAt ?? null,
  endsAt: t.endsAt ?? null,
  enrollOpensAt: t.enrollOpensAt ?? null,
  enrollClosesAt: t.enrollClosesAt ?? null,
});
