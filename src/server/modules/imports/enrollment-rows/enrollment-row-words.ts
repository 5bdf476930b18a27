import { ErrorCodes } from '../../../../common/error-codes.ts';

/** A forced enrollment's reason, as POST /api/enrollments asks it (docs/ENROLLMENT.md, "Force"). */
export const minForceReason = 10;

/** What an enrollments import keeps of a planned row: its target, resolved, and how to enroll. */
export type EnrollmentRowValues = ({ sectionId: string } | { learningPathId: string }) & {
  code: string;
  force: boolean;
  reason: string | null;
};

/** What an undo needs: the place (or learning-path enrollment) the row made. */
export interface EnrollmentUndo {
  kind: 'section' | 'path';
  enrollmentId: string;
}

/** A placement's refusal, said for one row of the log. */
export function failureMessage(reason: string, code: string): string {
  switch (reason) {
    case ErrorCodes.accountArchived:
      return 'The account is archived; reactivate it before enrolling it.';
    case ErrorCodes.enrollmentClosed:
      return `Enrollment in ${code} is closed (outside its enrollment window).`;
    case ErrorCodes.sectionCancelled:
      return `${code} is cancelled.`;
    case ErrorCodes.outOfScope:
      return `The person is outside the organizations that offer ${code}.`;
    case ErrorCodes.notFound:
      return 'The account is no longer in your organizations.';
    case ErrorCodes.alreadyEnrolled:
      return `Already enrolled or waitlisted in ${code}.`;
    default:
      return `Not enrolled in ${code} (${reason}).`;
  }
}
