/**
 * Word wrapping for the panes that show long text whole (details, help): lines of at most `width` characters, broken
 * at spaces; a word longer than a line (an id, a URL) is broken inside. Assumes one cell per character.
 */
export function wrapText(text: string, width: number): string[] {
	if (width <= 0) {
		return [text];
	}

	const lines: string[] = [];
	let line = '';
	// A lone mark between words ("·", "-", "/") stays at the end of a line, never starts one.
	const words: string[] = [];
	for (const token of text.split(' ')) {
		const previous = words.at(-1);
		if (previous !== undefined && [...token].length === 1 && !/[\p{L}\p{N}]/u.test(token)) {
			words[words.length - 1] = `${previous} ${token}`;
		} else {
			words.push(token);
		}
	}

	for (const word of words) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if ([...candidate].length <= width) {
			line = candidate;
			continue;
		}

		if (line !== '') {
			lines.push(line);
		}

		let rest = [...word];
		while (rest.length > width) {
			lines.push(rest.slice(0, width).join(''));
			rest = rest.slice(width);
		}

		line = rest.join('');
	}

	lines.push(line);
	return lines;
}
