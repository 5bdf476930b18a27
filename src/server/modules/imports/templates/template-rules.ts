import { todayDefault, type ImportTemplate, type TemplateColumn } from '../../../../common/schemas/import-templates.ts';
import { invalid } from '../../../platform/errors.ts';
import { isRequiredColumn } from '../planning/header-check.ts';
import { parseDate } from '../planning/row-values.ts';
import { looseHeader, looseValue, matchAllowedValue } from '../../../../common/template-matching.ts';

const dateFields = new Set(['dateHire', 'dateTransfer']);
/** Columns only an enrollments template reads; an accounts template has nothing to put them in. */
const enrollmentFields = new Set(['sectionCode', 'learningPathCode', 'force', 'reason']);

/**
 * The rules a template must meet before it is saved, so that every file read with it has one clear
 * meaning. Returns the template as stored (defaults spelled as their list spells them); refuses with
 * every problem found, each under `details.fields["columns.N.part"]` for the editor to show in place.
 */
export function checkTemplateDefinition(template: ImportTemplate): ImportTemplate {
  const problems: Record<string, string> = {};
  const headers = new Map<string, number>();
  const fields = new Map<string, number>();
  const columns: TemplateColumn[] = template.columns.map((column, i) => {
    const at = (part: string) => `columns.${i}.${part}`;
    for (const name of [column.name, ...column.aliases]) {
      const key = looseHeader(name);
      const other = headers.get(key);
      if (other !== undefined && other !== i)
        problems[at(name === column.name ? 'name' : 'aliases')] = `"${name}" is already column ${other + 1}'s header or alias.`;
      // An enrollments template's own Reason column (the force reason) is told apart from the download's by position (header-check.ts).
      else if (key === 'reason' && !(template.kind === 'enrollments' && column.field === 'reason'))
        problems[at('name')] = '"Reason" is kept for the failed-rows download; choose another header.';
      headers.set(key, i);
    }
    if (column.field !== 'ignore') {
      const other = fields.get(column.field);
      if (other !== undefined) problems[at('field')] = `Column ${other + 1} already fills ${column.field}; one column per field.`;
      fields.set(column.field, i);
    } else if (column.required || column.default || column.allowedValues?.length) {
      problems[at('field')] = 'An ignored column is never read, so it cannot be required, have a default or a list of values.';
    }
    if (template.kind !== 'enrollments' && enrollmentFields.has(column.field))
      problems[at('field')] = `${column.field} is read only by an enrollments template.`;
    if (column.mustBeBlank && column.field !== 'ignore')
      problems[at('mustBeBlank')] = 'Only an ignored column can be required to stay blank.';
    if (column.dateFormats && !dateFields.has(column.field)) problems[at('dateFormats')] = 'Date formats apply to date columns only.';
    const allowed = column.allowedValues;
    if (allowed) {
      const spellings = new Set(allowed.map(looseValue));
      if (spellings.size !== allowed.length)
        problems[at('allowedValues')] = 'The list holds the same value twice (ignoring case and spaces).';
    }
    let spelledDefault = column.default === '' ? undefined : column.default;
    if (spelledDefault !== undefined) {
      if (dateFields.has(column.field)) {
        const ok =
          spelledDefault.toLowerCase() === todayDefault || parseDate(spelledDefault, [...(column.dateFormats ?? []), 'YYYY-MM-DD']);
        if (!ok) problems[at('default')] = 'A date default is "today" or a date such as 2026-11-30.';
      } else if (allowed?.length) {
        const spelled = matchAllowedValue(allowed, spelledDefault);
        if (spelled === undefined) problems[at('default')] = `The default must be one of the allowed values: ${allowed.join(', ')}.`;
        else spelledDefault = spelled;
      }
    }
    const { default: _dropped, ...rest } = column;
    return spelledDefault === undefined ? rest : { ...rest, default: spelledDefault };
  });
  const email = template.columns.find((c) => c.field === 'email');
  if (template.kind === 'enrollments') {
    // A row finds its person by email or UserID, and its place by a section or a learning path (rows check which they give).
    if (!template.columns.some((c) => c.field === 'email' || c.field === 'externalId'))
      problems.columns = 'An enrollments template needs a column that fills email or externalId: people are found by them.';
    else if (!template.columns.some((c) => c.field === 'sectionCode' || c.field === 'learningPathCode'))
      problems.columns = 'An enrollments template needs a column that fills sectionCode or learningPathCode.';
  } else if (!email) problems.columns = 'A template needs a column that fills email: accounts are matched by their email.';
  else if (!isRequiredColumn(template, email))
    problems[`columns.${template.columns.indexOf(email)}.required`] = 'The email column must be required.';
  for (const name of Object.keys(template.fixedValues)) {
    if (!template.columns.some((c) => c.name === name || c.field === name)) problems[`fixedValues.${name}`] = `No column is named ${name}.`;
  }
  const entries = Object.entries(problems);
  if (entries.length) {
    const first = entries[0]?.[1] ?? '';
    const more = entries.length > 1 ? ` (and ${entries.length - 1} more ${entries.length === 2 ? 'problem' : 'problems'})` : '';
    throw invalid(`The template cannot be saved: ${first}${more}`, { fields: problems });
  }
  return { ...template, columns };
}
