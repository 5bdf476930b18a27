import type { GroupRow } from '../../db/schema.ts';

/** A group as services pass it around: its organization's name and path (which decide who sees it) and its size. */
export interface GroupWithOrg extends GroupRow {
  orgName: string;
  orgPath: string;
  memberCount: number;
}

/** A test on a group's name (already keyed: trimmed, lowercased, spaces folded) or id, as a listing filter. */
export interface GroupMatch {
  field: 'name' | 'id';
  op: 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'pr';
  value: string;
}
