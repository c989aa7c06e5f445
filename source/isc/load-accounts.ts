import {
	asObject,
	compact,
	nullableDateTime,
	nullableString,
	optionalBoolean,
	optionalString,
	requiredString,
} from './json-fields.js';

/** The task a load-accounts call started. `id` is the aggregation id to poll. */
export interface LoadAccountsTask {
	success?: boolean;
	task: {
		id: string;
		type?: string;
		name?: string;
		description?: string;
		launcher?: string;
		created?: string | null;
		launched?: string | null;
		completed?: string | null;
		completionStatus?: string | null;
		parentName?: string | null;
		progress?: string | null;
		/** The string-valued attributes, e.g. appId (the source) and optimizedAggregation ("enabled" / "disabled"). */
		attributes?: Record<string, string>;
	};
}

function stringAttributes(value: unknown): Record<string, string> | undefined {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return undefined;
	}

	const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
	return Object.fromEntries(entries);
}

/** Validates the 202 answer of POST /v2025/sources/{id}/load-accounts. Throws a bad-response IscError naming the field. */
export function parseLoadAccountsTask(body: unknown): LoadAccountsTask {
	const source = asObject(body, 'load-accounts answer');
	const task = asObject(source['task'], 'load-accounts task');
	const what = 'load-accounts task';
	return compact({
		success: optionalBoolean(source, 'success', 'load-accounts answer'),
		task: compact({
			id: requiredString(task, 'id', what),
			type: optionalString(task, 'type', what),
			name: optionalString(task, 'name', what),
			description: optionalString(task, 'description', what),
			launcher: optionalString(task, 'launcher', what),
			created: nullableDateTime(task, 'created', what),
			launched: nullableDateTime(task, 'launched', what),
			completed: nullableDateTime(task, 'completed', what),
			completionStatus: nullableString(task, 'completionStatus', what),
			parentName: nullableString(task, 'parentName', what),
			progress: nullableString(task, 'progress', what),
			attributes: stringAttributes(task['attributes']),
		}),
	});
}
