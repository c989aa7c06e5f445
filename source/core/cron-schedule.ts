import {Cron} from 'croner';

/**
 * A source's aggregation schedule as ISC writes it: a Quartz cron expression (seconds first, `?`, `1/1`, `L`, `W`,
 * `#`, an optional year; days of the week 1-7 from Sunday), run in the zone of the source's virtual appliance
 * cluster, a fixed offset from GMT that never observes daylight saving time. Read with croner (a maintained
 * library that reads this syntax: `alternativeWeekdays` gives Quartz's day numbers, `sloppyRanges` its `1/1`
 * steps), never with a parser of our own. Pure: times are passed in.
 */
export interface CronSchedule {
	/** The expression as ISC sent it. */
	expression: string;
	/** Minutes east of GMT the expression is read in. */
	offsetMinutes: number;
	/** The first fire strictly after `at` (epoch ms), or undefined when it never fires again. */
	fireAfter(at: number): number | undefined;
	/** The last fire at or before `at`, or undefined when it never fired before. */
	fireAtOrBefore(at: number): number | undefined;
}

/** The expression read in the zone `offsetMinutes` east of GMT, or undefined when croner cannot read it (then it is shown as it is). */
export function readCron(expression: string, offsetMinutes: number): CronSchedule | undefined {
	let cron: Cron;
	try {
		cron = new Cron(expression.trim(), {
			alternativeWeekdays: true,
			sloppyRanges: true,
			mode: '6-or-7-parts',
			utcOffset: offsetMinutes,
		});
	} catch {
		return undefined;
	}

	return {
		expression,
		offsetMinutes,
		fireAfter(at) {
			return cron.nextRun(new Date(at))?.getTime();
		},
		fireAtOrBefore(at) {
			return cron.previousRuns(1, new Date(at + 1))[0]?.getTime();
		},
	};
}

/**
 * A cluster's gmtOffset ("-5", "+5.5", "5:30", "-03:30") as minutes east of GMT; undefined when it cannot be read.
 */
export function gmtOffsetMinutes(gmtOffset: string | undefined): number | undefined {
	if (gmtOffset === undefined) {
		return undefined;
	}

	const match = /^\s*(?:GMT|UTC)?\s*([+-]?)(\d{1,2})(?:(?::(\d{2}))|(\.\d+))?\s*$/i.exec(gmtOffset);
	if (match === null) {
		return undefined;
	}

	const [, sign, hours, minutes, fraction] = match;
	const total = Number(hours) * 60 + (minutes === undefined ? Math.round(Number(fraction ?? 0) * 60) : Number(minutes));
	return total > 14 * 60 ? undefined : sign === '-' ? -total : total;
}

/** "UTC", "GMT-5", "GMT+5:30": how a zone is named on screen. */
export function zoneName(offsetMinutes: number): string {
	if (offsetMinutes === 0) {
		return 'UTC';
	}

	const hours = Math.floor(Math.abs(offsetMinutes) / 60);
	const minutes = Math.abs(offsetMinutes) % 60;
	return `GMT${offsetMinutes < 0 ? '-' : '+'}${hours}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}`;
}
