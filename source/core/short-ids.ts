/** How many characters a shortened id has at least (the way git shortens hashes). */
export const SHORT_ID_LENGTH = 8;

/** Length of the common prefix of two strings. */
function commonPrefix(a: string, b: string): number {
	const end = Math.min(a.length, b.length);
	let index = 0;
	while (index < end && a[index] === b[index]) {
		index++;
	}

	return index;
}

/** The shortest prefix length (at least `minimum`) that tells every one of `ids` apart from the others. */
function uniquePrefixLength(ids: readonly string[], minimum: number): number {
	const sorted = [...ids].sort();
	let length = minimum;
	for (let index = 1; index < sorted.length; index++) {
		length = Math.max(length, commonPrefix(sorted[index - 1]!, sorted[index]!) + 1);
	}

	return length;
}

function reversed(text: string): string {
	return [...text].reverse().join('');
}

/**
 * A function that shortens each of `ids` to the shortest part that tells it apart from the others: its first
 * SHORT_ID_LENGTH characters when those differ, else the end of the id ("…" and at least SHORT_ID_LENGTH
 * characters) when a shorter end than start does it, else a longer start. ISC ids often share a long start
 * (older ones begin 2c9180…), so five ids ending 0001 to 0005 come out as …00000001 to …00000005, not five
 * "00000000". Every id of one list is cut the same way and to the same length, so the column stays aligned.
 * An id shorter than the cut is shown whole. Pure; ids not in `ids` are cut the same way.
 */
export function idShortener(ids: Iterable<string>, minimum = SHORT_ID_LENGTH): (id: string) => string {
	const unique = [...new Set(ids)];
	const prefix = uniquePrefixLength(unique, minimum);
	if (prefix <= minimum) {
		return id => (id.length > minimum ? id.slice(0, minimum) : id);
	}

	const suffix = uniquePrefixLength(
		unique.map(id => reversed(id)),
		minimum,
	);
	if (suffix < prefix) {
		return id => (id.length > suffix ? `…${id.slice(-suffix)}` : id);
	}

	return id => (id.length > prefix ? id.slice(0, prefix) : id);
}

/** One id shortened so it stays apart from `among` (the other ids shown with it). */
export function shortId(id: string, among: Iterable<string> = []): string {
	return idShortener([id, ...among])(id);
}
