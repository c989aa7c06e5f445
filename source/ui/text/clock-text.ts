import {formatDuration} from '../../core/durations.js';

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/** Local wall-clock time: "14:03:09" today, "2025-03-01 14:03:09" on another day. */
export function clockTime(at: number, now: number): string {
	const date = new Date(at);
	const today = new Date(now);
	const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
	if (date.toDateString() === today.toDateString()) {
		return time;
	}

	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

/** "14:03:09 (5m 03s ago)", or "in 4s" style for the future. */
export function clockWithAge(at: number, now: number): string {
	return `${clockTime(at, now)} (${relative(at, now)})`;
}

/** "5m 03s ago", "just now" or "in 4s". */
export function relative(at: number, now: number): string {
	const delta = now - at;
	if (Math.abs(delta) < 1000) {
		return 'just now';
	}

	return delta > 0 ? `${formatDuration(delta)} ago` : `in ${formatDuration(-delta)}`;
}

/** Whole seconds left until `at`, rounded up, as a duration ("8s"); "0s" once it has passed. */
export function countdown(at: number, now: number): string {
	const ms = Math.max(0, at - now);
	return formatDuration(Math.ceil(ms / 1000) * 1000);
}
