/** Plain text columns for script-friendly listings: padded with spaces, no colour, the last column unpadded. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => (row[column] ?? '').length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
			.join('  ')
			.trimEnd();
	return [line(header), ...rows.map(row => line(row))];
}
