import type ExcelJS from 'exceljs';
import { exceljs } from '../../../platform/on-first-use.ts';
import Papa from 'papaparse';
import { neutralizeCell } from '../../../platform/spreadsheet-cell.ts';
import { defaultDateFormats, todayDefault, type ImportTemplate, type TemplateColumn } from '../../../../common/schemas/import-templates.ts';
import { isRequiredColumn } from '../planning/header-check.ts';

/** Rows of the XLSX that carry drop-downs: enough for a large batch without bloating the file. */
const validatedRows = 5000;
const flagFields = new Set(['trainingManager', 'supervisor']);
const dateFields = new Set(['dateHire', 'dateTransfer']);
const modeWords = { create: 'create new accounts only', upsert: 'create and update', update: 'update existing accounts only' } as const;

const exampleOf = (template: ImportTemplate, column: TemplateColumn) => template.fixedValues[column.name] ?? column.example ?? '';

/** The header line plus one example row, as a CSV a spreadsheet opens cleanly (UTF-8 with BOM). */
export function templateCsv(template: ImportTemplate): string {
  const header = template.columns.map((c) => c.name);
  const example = template.columns.map((c) => exampleOf(template, c));
  // Neutralized like every export: a header or example typed by a tenant must not run as a formula.
  return `\uFEFF${Papa.unparse([header.map(neutralizeCell), example.map(neutralizeCell)], { newline: '\r\n' })}\r\n`;
}

/** The fixed values a spreadsheet should offer for a column, if any. */
export function choicesFor(column: TemplateColumn): string[] | undefined {
  if (column.allowedValues?.length) return column.allowedValues;
  if (flagFields.has(column.field)) return ['Yes', 'No'];
  if (column.field === 'status') return ['Active', 'Archived'];
  return undefined;
}

/** One sentence per column telling a person what to write in it. */
export function columnGuidance(template: ImportTemplate, column: TemplateColumn): string {
  if (column.field === 'ignore') return column.mustBeBlank ? 'Leave blank.' : 'Not read by the import; anything may stay here.';
  const parts: string[] = [];
  if (column.description) parts.push(column.description);
  const choices = choicesFor(column);
  if (choices) parts.push(`One of: ${choices.join(', ')}.`);
  if (dateFields.has(column.field)) parts.push(`A date: ${(column.dateFormats ?? defaultDateFormats).join(' or ')}.`);
  if (column.default) parts.push(column.default === todayDefault ? 'Blank means the day of the import.' : `Blank means ${column.default}.`);
  if (template.fixedValues[column.name] !== undefined) parts.push(`Always ${template.fixedValues[column.name]}, whatever is written.`);
  if (column.aliases.length) parts.push(`Also accepted as header: ${column.aliases.join(', ')}.`);
  return parts.join(' ');
}

/**
 * The template as a workbook: the header and an example on the first sheet, with drop-downs for
 * every column of fixed values (read from a hidden Lists sheet, so long lists and commas work), and
 * a second sheet of instructions written from the template itself.
 */
export async function templateXlsx(template: ImportTemplate): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'Registrar';
  const sheet = workbook.addWorksheet(template.label.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'Template');
  const instructions = workbook.addWorksheet('Instructions');
  const lists = workbook.addWorksheet('Lists', { state: 'hidden' });

  sheet.addRow(template.columns.map((c) => c.name)).font = { bold: true };
  sheet.addRow(template.columns.map((c) => exampleOf(template, c)));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  let listColumn = 0;
  template.columns.forEach((column, i) => {
    sheet.getColumn(i + 1).width = Math.max(12, column.name.length + 4);
    // Text columns stay text, so Excel keeps leading zeros and does not turn ids into numbers.
    if (!dateFields.has(column.field)) sheet.getColumn(i + 1).numFmt = '@';
    const choices = choicesFor(column);
    if (!choices) return;
    listColumn += 1;
    choices.forEach((choice, row) => (lists.getCell(row + 1, listColumn).value = choice));
    const letter = lists.getColumn(listColumn).letter;
    const target = sheet.getColumn(i + 1).letter;
    (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${target}2:${target}${validatedRows}`,
      {
        type: 'list',
        allowBlank: !isRequiredColumn(template, column),
        formulae: [`Lists!$${letter}$1:$${letter}$${choices.length}`],
        showErrorMessage: true,
        errorTitle: column.name,
        error: `Choose one of: ${choices.join(', ')}.`,
      },
    );
  });

  instructions.getColumn(1).width = 24;
  instructions.getColumn(2).width = 12;
  instructions.getColumn(3).width = 90;
  instructions.addRow([template.label]).font = { bold: true, size: 14 };
  if (template.description) instructions.addRow([template.description]);
  instructions.addRow([
    template.headerMode === 'strict'
      ? 'Keep the first line exactly as it is: do not delete, add, rename or reorder columns, or the file is refused.'
      : 'Column names may differ in case and spacing and come in any order; columns the template does not know are ignored.',
  ]);
  if (template.allRequired) instructions.addRow(['Every field is required: a row with an empty cell is not imported.']);
  instructions.addRow([`Import modes: ${template.modes.map((m) => modeWords[m]).join('; ')}.`]);
  instructions.addRow(['Save as CSV or upload this workbook as it is. Failed rows come back with their reason, to fix and upload again.']);
  instructions.addRow([]);
  instructions.addRow(['Column', 'Required', 'What to write']).font = { bold: true };
  for (const column of template.columns) {
    const row = instructions.addRow([column.name, isRequiredColumn(template, column) ? 'Yes' : 'No', columnGuidance(template, column)]);
    row.getCell(3).alignment = { wrapText: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
