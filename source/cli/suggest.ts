// "Did you mean …?" for a mistyped command or flag, as gh and git say it.

/** Edit distance counting a swap of two neighbouring letters as one edit (statsu → status: 1). */
function distance(a: string, b: string): number {
	const rows: number[][] = Array.from({length: a.length + 1}, (_, i) => [i, ...Array.from({length: b.length}, () => 0)]);
	for (let j = 1; j <= b.length; j++) {
		rows[0]![j] = j;
	}

	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, rows[i - 2]![j - 2]! + 1);
			}

			rows[i]![j] = best;
		}
	}

	return rows[a.length]![b.length]!;
}

/**
 * The candidate closest to `word`, when it is close enough to be what was meant: at most 1 edit for words of up to
 * 4 letters, 2 for longer ones, or `word` begins it (`hist` → history). Undefined when none is, or two tie.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
	const typed = word.toLowerCase();
	if (typed === '') {
		return undefined;
	}

	const limit = typed.length <= 4 ? 1 : 2;
	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	let tied = false;
	for (const candidate of candidates) {
		const far = candidate.startsWith(typed) && typed.length >= 3 ? 0 : distance(typed, candidate);
		if (far < bestDistance) {
			best = candidate;
			bestDistance = far;
			tied = false;
		} else if (far === bestDistance) {
			tied = true;
		}
	}

	return best !== undefined && bestDistance <= limit && !tied ? best : undefined;
}
