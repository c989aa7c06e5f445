/** The printed report: one row per figure (value, budget, ok/over), then each figure's notes. */
import type {Figure} from './figure.js';

function pad(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - [...text].length));
}

export function verdict(figure: Figure): string {
	if (figure.ok === undefined) {
		// A figure reported without a budget has no verdict; one that could not be judged gets a question mark.
		return figure.budget === 'reported' ? '' : '?';
	}

	return figure.ok ? 'ok' : 'OVER';
}

export function formatTable(figures: readonly Figure[]): string {
	const header = ['Figure', 'Value', 'Budget', ''];
	const rows = figures.map(figure => [figure.name, figure.display, figure.budget, verdict(figure)]);
	const widths = header.map((title, column) => Math.max([...title].length, ...rows.map(row => [...(row[column] ?? '')].length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, column) => pad(cell, widths[column] ?? 0))
			.join('  ')
			.trimEnd();
	const lines = [line(header), widths.map(width => '─'.repeat(width)).join('  '), ...rows.map(row => line(row))];
	lines.push('');
	for (const figure of figures) {
		for (const note of figure.notes) {
			lines.push(`${figure.name}: ${note}`);
		}
	}

	return lines.join('\n');
}
