import {IscError} from '../domain/errors.js';

/**
 * Parses a 2xx body as JSON. An empty body, an HTML page or a body cut short is a bad-response
 * whose message says which of these it was.
 */
export function parseJsonBody(raw: string, what: string): unknown {
	const trimmed = raw.trim();
	if (trimmed === '') {
		throw new IscError({kind: 'bad-response', message: `ISC sent an empty ${what}`});
	}

	try {
		return JSON.parse(trimmed);
	} catch {
		const looks = trimmed.startsWith('<')
			? 'an HTML page, not JSON'
			: trimmed.startsWith('{') || trimmed.startsWith('[')
				? 'cut short or malformed JSON'
				: 'not JSON';
		throw new IscError({kind: 'bad-response', message: `ISC sent a ${what} that is ${looks}`});
	}
}
