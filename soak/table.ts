/** The soak's report as a plain-text table (for the terminal) and as Markdown (soak/results/latest.md). */
import type {Figure} from './figure.js';

function pad(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function notesOf(figures: readonly Figure[]): string[] {
	const lines: string[] = [];
	for (const figure of figures) {
		for (const note of figure.notes) {
			lines.push(`${figure.name}: ${note}`);
		}
	}

	return lines;
}

export function formatTextTable(figures: readonly Figure[]): string {
	const header = ['Figure', 'Value', 'Limit', ''];
	const rows = figures.map(figure => [figure.name, figure.value, figure.limit, figure.verdict]);
	const widths = header.map((title, column) => Math.max([...title].length, ...rows.map(row => [...(row[column] ?? '')].length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, column) => pad(cell, widths[column] ?? 0))
			.join('  ')
			.trimEnd();
	const notes = notesOf(figures);
	return [
		line(header),
		widths.map(width => '─'.repeat(width)).join('  '),
		...rows.map(row => line(row)),
		...(notes.length > 0 ? ['', ...notes] : []),
	].join('\n');
}

function cell(text: string): string {
	return text.replaceAll('|', '\\|');
}

export function formatMarkdownTable(figures: readonly Figure[]): string {
	const lines = ['| Figure | Value | Limit | |', '| --- | --- | --- | --- |'];
	for (const figure of figures) {
		lines.push(`| ${cell(figure.name)} | ${cell(figure.value)} | ${cell(figure.limit)} | ${figure.verdict} |`);
	}

	const notes = notesOf(figures);
	if (notes.length > 0) {
		lines.push('', ...notes.map(note => `- ${note}`));
	}

	return lines.join('\n');
}
