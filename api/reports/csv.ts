/** A text cell a spreadsheet could run as a formula is prefixed with `'`; numbers stay numbers. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'number') return String(value)
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Rows of cells as CSV text with CRLF line ends. */
export const csvText = (rows: (string | number | null | undefined)[][]): string =>
  rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
