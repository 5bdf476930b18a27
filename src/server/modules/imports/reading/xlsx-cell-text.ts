/**
 * A cell value as exceljs's streaming reader gives it, turned into the text a person sees in
 * Excel: dates as YYYY-MM-DD, numbers without binary float noise, rich text flattened.
 */
export function cellText(value: unknown, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numFmt && isDateFormat(numFmt) ? dateText(excelSerialToDate(value)) : numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return v.richText.map((part: { text?: unknown }) => (typeof part.text === 'string' ? part.text : '')).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, numFmt);
    if ('text' in v) return cellText(v.text, numFmt); // hyperlink: the text shown
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

// Excel keeps 15 significant digits; anything past them is float noise (0.1+0.2 → 0.3). No
// grouping and no exponent, so a long id stays as typed.
const numberFormat = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });

export function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isSafeInteger(n)) return n === 0 ? '0' : String(n);
  return numberFormat.format(n);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** YYYY-MM-DD, with the time only when the cell holds one. exceljs gives dates at UTC. */
export function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const h = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

/** A number format that shows a date: it has d, m or y outside quotes and brackets (not [Red], not "kg"). */
export function isDateFormat(numFmt: string): boolean {
  const bare = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare);
}
