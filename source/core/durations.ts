import {formatCount} from '../domain/words.js';

/** The input as a quoted string with control characters (C0, DEL, C1) escaped: it stays on one line and inert. */
function quoted(input: string): string {
	return JSON.stringify(input).replace(/[\u007f-\u009f]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A duration the user typed that we cannot read. `message` is one line, fit to print as is. */
export class DurationError extends Error {
	override readonly name = 'DurationError';
	readonly input: string;

	constructor(input: string, why?: string) {
		super(
			`Invalid duration ${quoted(input)}${why === undefined ? '' : ` (${why})`}: use seconds (45) or units like 500ms, 90s, 5m, 1h30m, 2d`,
		);
		this.input = input;
	}
}

const UNIT_MS = {d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1} as const;
type Unit = keyof typeof UNIT_MS;
const UNIT_ORDER: readonly Unit[] = ['d', 'h', 'm', 's', 'ms'];

/**
 * Reads "45" (seconds), "500ms", "90s", "5m", "1h30m", "1h 30m", "2d", "1.5h" into whole milliseconds.
 * Units are d, h, m, s, ms, each at most once and largest first. Throws DurationError for anything else
 * (empty, negative, unknown unit, repeated unit, trailing junk, out of range).
 */
export function parseDuration(input: string): number {
	const text = input.trim().toLowerCase();
	if (text === '') {
		throw new DurationError(input, 'empty');
	}

	let total: number;
	if (/^\d+(?:\.\d+)?$/.test(text)) {
		total = Number(text) * 1000;
	} else {
		if (!/^(?:\d+(?:\.\d+)?\s*(?:ms|d|h|m|s)\s*)+$/.test(text)) {
			throw new DurationError(input);
		}

		total = 0;
		let previous = -1;
		for (const match of text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|d|h|m|s)/g)) {
			const unit = match[2] as Unit;
			const position = UNIT_ORDER.indexOf(unit);
			if (position <= previous) {
				throw new DurationError(input, `"${unit}" out of order or repeated`);
			}

			previous = position;
			total += Number(match[1]) * UNIT_MS[unit];
		}
	}

	if (!Number.isSafeInteger(Math.round(total))) {
		throw new DurationError(input, 'too large');
	}

	return Math.round(total);
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/**
 * A compact duration: "0s", "<1s", "4s", "1m 05s", "2h 03m", "3d 04h". Rounds down; negative counts as 0.
 * "?" for NaN and "∞" for Infinity.
 */
export function formatDuration(ms: number): string {
	if (Number.isNaN(ms)) {
		return '?';
	}

	if (ms === Infinity) {
		return '∞';
	}

	if (ms > 0 && ms < 1000) {
		return '<1s';
	}

	const seconds = Math.floor(Math.max(0, ms) / 1000);
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m ${pad(seconds % 60)}s`;
	}

	const hours = Math.floor(minutes / 60);
	if (hours < 24) {
		return `${hours}h ${pad(minutes % 60)}m`;
	}

	return `${Math.floor(hours / 24)}d ${pad(hours % 24)}h`;
}

export {formatCount} from '../domain/words.js';

function oneDecimal(value: number): string {
	const text = value.toFixed(1);
	return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/**
 * Accounts per second as people read it: "1,234/s", "12/s", "2.5/s", and below one a second per minute:
 * "30/min", "0.5/min". "0/s" for no progress, "?" for NaN or negative.
 */
export function formatRate(perSecond: number): string {
	if (Number.isNaN(perSecond) || perSecond < 0) {
		return '?';
	}

	if (perSecond === 0) {
		return '0/s';
	}

	if (perSecond >= 10) {
		return `${formatCount(perSecond)}/s`;
	}

	if (perSecond >= 0.95) {
		return `${oneDecimal(perSecond)}/s`;
	}

	const perMinute = perSecond * 60;
	return perMinute >= 10 ? `${formatCount(perMinute)}/min` : `${oneDecimal(perMinute)}/min`;
}
