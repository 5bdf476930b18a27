import type { ImportMode } from '../../../common/schemas/imports.ts';
import type { ImportTemplatePatch, ImportTemplateView, TemplateColumn } from '../../api/import-templates.ts';

/** What a column's "Reads" choice can be: an account field, or ignored (blank only, or anything). */
export const fieldChoices: Array<{ value: string; label: string }> = [
  { value: 'email', label: 'Email' },
  { value: 'firstName', label: 'First name' },
  { value: 'lastName', label: 'Last name' },
  { value: 'externalId', label: 'External id' },
  { value: 'username', label: 'Username' },
  { value: 'status', label: 'Status (Active or Archived)' },
  { value: 'affiliation', label: 'Affiliation' },
  { value: 'employeeType', label: 'Employee type' },
  { value: 'department', label: 'Department' },
  { value: 'jobTitle', label: 'Job title' },
  { value: 'dateHire', label: 'Date of hire' },
  { value: 'dateTransfer', label: 'Date of transfer' },
  { value: 'trainingManager', label: 'Training manager (Yes/No)' },
  { value: 'supervisor', label: 'Supervisor (Yes/No)' },
  { value: 'role', label: 'Role' },
  { value: 'organization', label: 'Organization' },
  // Read only by the built-in enrollments template (the server refuses them in an accounts template).
  { value: 'sectionCode', label: 'Section code (enrollments)' },
  { value: 'learningPathCode', label: 'Learning path code (enrollments)' },
  { value: 'force', label: 'Force (enrollments, Yes/No)' },
  { value: 'reason', label: 'Force reason (enrollments)' },
  { value: 'password', label: 'Temporary password' },
  { value: 'ignore:blank', label: 'Ignored: must be blank' },
  { value: 'ignore:any', label: 'Ignored: may hold anything' },
];

export const fieldLabel = (value: string) => fieldChoices.find((c) => c.value === value)?.label ?? value;

/** A column as the editor holds it: lists as the text typed, so typing a comma does not fight the input. */
export interface ColumnDraft {
  /** Stable identity for React while rows move up and down. */
  id: number;
  name: string;
  aliases: string;
  reads: string;
  required: boolean;
  allowedValues: string;
  default: string;
  /** Kept as they were: not edited on this page. */
  rest: Pick<TemplateColumn, 'dateFormats' | 'description' | 'example'>;
}

export interface TemplateDraft {
  key: string;
  label: string;
  description: string;
  strict: boolean;
  allRequired: boolean;
  modes: ImportMode[];
  columns: ColumnDraft[];
}

let nextId = 1;
const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function emptyColumn(): ColumnDraft {
  return { id: nextId++, name: '', aliases: '', reads: 'ignore:any', required: false, allowedValues: '', default: '', rest: {} };
}

export function draftOf(template: ImportTemplateView): TemplateDraft {
  return {
    key: template.key,
    label: template.label,
    description: template.description ?? '',
    strict: template.headerMode === 'strict',
    allRequired: template.allRequired,
    modes: [...template.modes],
    columns: template.columns.map((c) => ({
      id: nextId++,
      name: c.name,
      aliases: c.aliases.join(', '),
      reads: c.field === 'ignore' ? (c.mustBeBlank ? 'ignore:blank' : 'ignore:any') : c.field,
      required: c.required,
      allowedValues: (c.allowedValues ?? []).join(', '),
      default: c.default ?? '',
      rest: { dateFormats: c.dateFormats, description: c.description, example: c.example },
    })),
  };
}

export function newDraft(): TemplateDraft {
  const email = { ...emptyColumn(), name: 'Email', reads: 'email', required: true };
  return {
    key: '',
    label: '',
    description: '',
    strict: false,
    allRequired: false,
    modes: ['create', 'upsert', 'update'],
    columns: [email],
  };
}

/** The column as the API takes it. */
export function columnOf(draft: ColumnDraft): TemplateColumn {
  const ignored = draft.reads.startsWith('ignore');
  const allowed = splitList(draft.allowedValues);
  return {
    ...Object.fromEntries(Object.entries(draft.rest).filter(([, v]) => v !== undefined)),
    name: draft.name.trim(),
    aliases: splitList(draft.aliases),
    field: (ignored ? 'ignore' : draft.reads) as TemplateColumn['field'],
    mustBeBlank: draft.reads === 'ignore:blank',
    required: !ignored && draft.required,
    ...(!ignored && allowed.length ? { allowedValues: allowed } : {}),
    ...(!ignored && draft.default.trim() ? { default: draft.default.trim() } : {}),
  };
}

export function patchOf(draft: TemplateDraft): ImportTemplatePatch {
  return {
    label: draft.label.trim(),
    description: draft.description.trim(),
    headerMode: draft.strict ? 'strict' : 'lenient',
    allRequired: draft.allRequired,
    modes: draft.modes,
    columns: draft.columns.map(columnOf),
  };
}

/** The draft's columns as a template, for the live check. */
export function previewTemplateOf(draft: TemplateDraft) {
  return { headerMode: draft.strict ? 'strict' : 'lenient', allRequired: draft.allRequired, columns: draft.columns.map(columnOf) } as const;
}

export function moved<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}
