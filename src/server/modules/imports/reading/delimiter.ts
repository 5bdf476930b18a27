export type Delimiter = ',' | ';' | '\t';

/** Excel's hint line (`sep=;`), written above the header by some exports. */
export function delimiterHint(raw: string): Delimiter | null {
  const match = /^"?sep=([,;\t])"?$/i.exec(raw);
  return match ? (match[1] as Delimiter) : null;
}

/**
 * Picks the delimiter the header line uses most, outside quotes. On a tie, tab beats semicolon
 * beats comma: a column name is more likely to hold a comma ("Last, First") than a tab. A header
 * with none of them is a single column, read as comma-separated.
 */
export function detectDelimiter(header: string): Delimiter {
  const counts = { '\t': 0, ';': 0, ',': 0 };
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < header.length; i += 1) {
    const c = header[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (header[i + 1] === '"') i += 1;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      continue;
    }
    fieldStart = c === '\t' || c === ';' || c === ',';
    if (fieldStart) counts[c as Delimiter] += 1;
  }
  let best: Delimiter | null = null;
  // In order of preference, so an earlier one keeps a tie.
  for (const d of ['\t', ';', ','] as const) if (counts[d] > (best ? counts[best] : 0)) best = d;
  return best ?? ',';
}
