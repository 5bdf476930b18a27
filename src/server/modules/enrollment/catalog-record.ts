import type { SectionRow } from '../../db/schema.ts';

/** A section as services pass it around: its row and its course's code and title. */
export type SectionWithCourse = SectionRow & { courseCode: string; courseTitle: string };

export interface SectionCounts {
  enrolled: number;
  waitlisted: number;
  completed: number;
}
