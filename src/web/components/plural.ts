const rules = new Intl.PluralRules('en-US');
const numbers = new Intl.NumberFormat('en-US');

/** "1 organization", "2 organizations", "1,234 rows": the count and the word in the form English wants for it. */
export function countOf(n: number, one: string, other = `${one}s`): string {
  return `${numbers.format(n)} ${rules.select(n) === 'one' ? one : other}`;
}

/**
 * What a page of a list shows: "Showing 51–100 of 1,234", "Showing 1 of 1" (never "1–1"), or without a
 * total "Showing 1–25". `first` counts from 1.
 */
export function pageSummary(first: number, shown: number, total?: number | string): string {
  const range = shown <= 1 ? numbers.format(first) : `${numbers.format(first)}–${numbers.format(first + shown - 1)}`;
  const of = total === undefined ? '' : ` of ${typeof total === 'number' ? numbers.format(total) : total}`;
  return `Showing ${range}${of}`;
}
