import type {JsonObject} from './json-fields.js';
import {
	asArray,
	asObject,
	compact,
	nullableDateTime,
	nullableString,
	optionalInteger,
	optionalString,
	optionalDateTime,
	requiredString,
} from './json-fields.js';

/** `Target` of a TaskStatus: for an account aggregation, the source (type APPLICATION). */
export interface TaskTarget {
	id?: string;
	name?: string;
	/** APPLICATION, IDENTITY, or null. */
	type?: string | null;
}

/**
 * The part of the v2025 `TaskStatus` aggwatch uses. For an account aggregation the id is the aggregation id
 * the status endpoint takes, and `target` names the source.
 */
export interface TaskStatus {
	id: string;
	/** e.g. CLOUD_ACCOUNT_AGGREGATION (the document's enum is out of date; any string is kept). */
	type: string;
	uniqueName?: string;
	description?: string;
	launcher?: string;
	/** ISO (ISC may send epoch ms; normalised). Absent when the tenant sent none or one that cannot be read. */
	created?: string;
	modified?: string | null;
	launched?: string | null;
	completed?: string | null;
	/** SUCCESS, WARNING, ERROR, TERMINATED, TEMPERROR; null while running. */
	completionStatus: string | null;
	target?: TaskTarget | null;
	progress?: string | null;
	percentComplete?: number;
}

const WHAT = 'task status';

function parseTarget(source: JsonObject): TaskTarget | null | undefined {
	const value = source['target'];
	if (value === undefined) {
		return undefined;
	}

	if (value === null) {
		return null;
	}

	const target = asObject(value, 'task status target');
	return compact({
		id: optionalString(target, 'id', 'task status target'),
		name: optionalString(target, 'name', 'task status target'),
		type: nullableString(target, 'type', 'task status target'),
	});
}

/** Validates one TaskStatus. Throws a bad-response IscError naming the field. Extra fields are ignored. */
export function parseTaskStatus(body: unknown): TaskStatus {
	const source = asObject(body, WHAT);
	return compact({
		id: requiredString(source, 'id', WHAT),
		type: requiredString(source, 'type', WHAT),
		uniqueName: optionalString(source, 'uniqueName', WHAT),
		description: optionalString(source, 'description', WHAT),
		launcher: optionalString(source, 'launcher', WHAT),
		created: optionalDateTime(source, 'created'),
		modified: nullableDateTime(source, 'modified'),
		launched: nullableDateTime(source, 'launched'),
		completed: nullableDateTime(source, 'completed'),
		completionStatus: nullableString(source, 'completionStatus', WHAT) ?? null,
		target: parseTarget(source),
		progress: nullableString(source, 'progress', WHAT),
		percentComplete: optionalInteger(source, 'percentComplete', WHAT),
	});
}

export function parseTaskStatusList(body: unknown): TaskStatus[] {
	return asArray(body, 'task status list').map(item => parseTaskStatus(item));
}
