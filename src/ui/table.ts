/** Plain aligned columns, like gh's non-TTY tables: no borders, two spaces between columns. */
export function renderTable(headers: string[], rows: string[][], maxWidth = Infinity): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => {
    const text = cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
    return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text;
  };
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}
