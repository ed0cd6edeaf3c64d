/**
 * Spreadsheet formula injection: a cell such as `=HYPERLINK(…)` or `@SUM(…)` in a
 * council spreadsheet is harmless in a feed (the finder shows every string as
 * text) but runs when a CSV we write is opened in Excel or LibreOffice. Kept
 * apart from the CSV importer so `atlas validate` can use it without the parser.
 */

/**
 * Whether a cell would run as a formula when opened in a spreadsheet: it starts
 * with =, +, -, @ (after any tab or carriage return) and is not just a number, a
 * phone number or a date ("-1.5", "+44 20 7946 0000", "-").
 */
export function looksLikeFormula(cell: string): boolean {
  const body = cell.replace(/^[\t\r ]+/, '');
  if (!/^[=+\-@]/.test(body)) return false;
  if (/^[+-]?[\d\s().,£$%/:-]*$/.test(body)) return false;
  return body.length > 1;
}

/** A cell made safe for a spreadsheet: a formula-like cell, or one starting with a tab or carriage return, gets a leading apostrophe, so it shows as text. */
export function neutraliseFormula(cell: string): string {
  return looksLikeFormula(cell) || /^[\t\r]/.test(cell) ? `'${cell}` : cell;
}
