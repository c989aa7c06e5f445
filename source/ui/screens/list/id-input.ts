import {isHexId} from '../../../domain/guards.js';

/**
 * Reads what the user typed or pasted into the add prompt. Ids are separated by spaces, commas, semicolons or new
 * lines (a pasted column or a comma list both work).
 *
 * Decisions:
 * - A 32-character hex string is an ISC id: accepted silently (any case; kept as typed).
 * - Anything else made of letters, digits, `-`, `_` and `.` (at most 64 characters) is accepted with a warning: it is
 *   probably a mistake, but aggwatch cannot know every id format ISC may use, and a wrong id only costs a 404.
 * - Anything with other characters (quotes, slashes, `?`, `#`, `%`, spaces inside quotes, …) is rejected, because it
 *   would change the request URL, and so is anything longer than 64 characters.
 * - Duplicates within the input, and ids already tracked, are reported and not added twice.
 */

const LEGAL = /^[\w.-]+$/;
const MAX_LENGTH = 64;
const SEPARATORS = /[\s,;]+/;

export interface RejectedId {
	token: string;
	reason: string;
}

export interface IdInput {
	/** To add, in the order given. */
	accepted: string[];
	/** Accepted, but not in the usual format. */
	unusual: string[];
	rejected: RejectedId[];
	/** Already tracked, or given twice. */
	duplicates: string[];
}

function illegalCharacters(token: string): string {
	const found = new Set<string>();
	for (const char of token) {
		if (!/[\w.-]/.test(char)) {
			found.add(char);
		}
	}

	return [...found]
		.map(char => (/[\x00-\x1f\x7f]/.test(char) ? `U+${char.codePointAt(0)!.toString(16).padStart(4, '0')}` : char))
		.join(' ');
}

export function parseIdInput(text: string, tracked: ReadonlySet<string> = new Set()): IdInput {
	const result: IdInput = {accepted: [], unusual: [], rejected: [], duplicates: []};
	const seen = new Set<string>();
	for (const token of text.split(SEPARATORS)) {
		if (token === '') {
			continue;
		}

		if (!LEGAL.test(token)) {
			result.rejected.push({token, reason: `has characters an id cannot contain: ${illegalCharacters(token)}`});
			continue;
		}

		if (token.length > MAX_LENGTH) {
			result.rejected.push({token, reason: `is ${token.length} characters long; ids are 32`});
			continue;
		}

		if (seen.has(token) || tracked.has(token)) {
			if (!result.duplicates.includes(token)) {
				result.duplicates.push(token);
			}

			continue;
		}

		seen.add(token);
		result.accepted.push(token);
		if (!isHexId(token)) {
			result.unusual.push(token);
		}
	}

	return result;
}

/** A token for messages: long ones are shortened in the middle (ASCII dots) so both ends stay recognisable. */
export function shortToken(token: string, max = 24): string {
	if (token.length <= max) {
		return token;
	}

	const half = Math.floor((max - 3) / 2);
	return `${token.slice(0, half)}...${token.slice(token.length - half)}`;
}
