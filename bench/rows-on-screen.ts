/** How many of the given aggregations have a row on a pty's screen (rows are labelled by the id's first 8 characters). */
import {shortId} from '../source/core/short-ids.js';

export function rowsOnScreen(lines: readonly string[], ids: readonly string[]): number {
	const wanted = new Map<string, number>();
	for (const id of ids) {
		const short = shortId(id);
		wanted.set(short, (wanted.get(short) ?? 0) + 1);
	}

	let found = 0;
	for (const line of lines) {
		for (const [short, left] of wanted) {
			if (left > 0 && line.includes(short)) {
				wanted.set(short, left - 1);
				found++;
				break;
			}
		}
	}

	return found;
}
