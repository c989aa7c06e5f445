import {safeText} from '../domain/status.js';
import {asArray, asObject, requiredString} from './json-fields.js';

/** One `Schedule` of a source (GET /v2025/sources/{sourceId}/schedules): its type and its Quartz cron expression. */
export interface SourceSchedule {
	/** ACCOUNT_AGGREGATION or GROUP_AGGREGATION (or another string ISC sends). */
	type: string;
	/** As ISC writes it, e.g. "0 0 12 1/1 * ? *": read by core/cron-schedule.ts, shown as it is when it cannot be read. */
	cronExpression: string;
}

const WHAT = 'source schedule';

/** Validates the list of a source's schedules. An item without a type or an expression fails the answer (both are required). */
export function parseSourceSchedules(body: unknown): SourceSchedule[] {
	return asArray(body, 'source schedule list').map(item => {
		const schedule = asObject(item, WHAT);
		return {
			type: safeText(requiredString(schedule, 'type', WHAT)),
			cronExpression: safeText(requiredString(schedule, 'cronExpression', WHAT)),
		};
	});
}
