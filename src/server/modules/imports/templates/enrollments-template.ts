import type { ImportTemplate } from '../../../../common/schemas/import-templates.ts';
import { templateColumn, type ColumnSketch } from './template-column.ts';

/**
 * The `enrollments` template every tenant has: one row per person to place, found by Email or UserID,
 * into a section (SectionCode) or a learning path (LearningPathCode). Force and its Reason follow the
 * rules of POST /api/enrollments (docs/ENROLLMENT.md). Lenient, so a roster export with more columns
 * imports as it is; create only, as an import of enrollments only ever adds places.
 */
export const defaultEnrollmentsTemplate: ImportTemplate = {
  key: 'enrollments',
  kind: 'enrollments',
  label: 'Enrollments',
  description:
    'Enrolls existing accounts into sections or learning paths. Each row names a person (Email or UserID) and a SectionCode or a LearningPathCode.',
  headerMode: 'lenient',
  allRequired: false,
  modes: ['create'],
  fixedValues: {},
  columns: (
    [
      { name: 'Email', field: 'email', description: 'The account’s email (or give its UserID instead).', example: 'ana.lopez@example.org' },
      {
        name: 'UserID',
        field: 'externalId',
        aliases: ['ExternalId'],
        description: 'The account’s own identifier, when the row gives no Email.',
        example: '',
      },
      {
        name: 'SectionCode',
        field: 'sectionCode',
        description: 'The section to enroll into (or give a LearningPathCode).',
        example: 'MR-101-A',
      },
      {
        name: 'LearningPathCode',
        field: 'learningPathCode',
        description: 'A learning path: each of its courses’ next open section.',
        example: '',
      },
      {
        name: 'Force',
        field: 'force',
        description: 'Yes to enroll past capacity or a closed window (needs the enrollments.force permission).',
        example: 'No',
      },
      { name: 'Reason', field: 'reason', description: 'Why the enrollment is forced: at least ten characters.', example: '' },
    ] as ColumnSketch[]
  ).map(templateColumn),
};
