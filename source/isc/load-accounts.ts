import type {JsonObject} from './json-fields.js';
import {IscError} from '../domain/errors.js';
import {asObject, compact, nullableDateTime} from './json-fields.js';
import {safeText} from '../domain/status.js';
import {isHexId, quotedInput} from '../domain/guards.js';

/** One message of the started task: a WARN here is how ISC says the aggregation did not start. */
export interface LoadAccountsMessage {
	/** INFO, WARN, ERROR, or whatever the tenant sent. */
	type?: string;
	/** The text: `localizedText` (a string in this answer, an object {message} in TaskStatus), else `key`. */
	text: string;
}

/**
 * The 202 answer of a load-accounts call that was accepted: `task.id` is the aggregation id to poll. With
 * `alreadyRunning`, ISC started nothing because an aggregation of the source is running (its messages say so):
 * `task.id` is then the refused task's id (empty if it had none), not one to follow.
 */
export interface LoadAccountsTask {
	success?: boolean;
	alreadyRunning?: true;
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
		messages?: LoadAccountsMessage[];
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

/** A string field, or undefined for anything else: the answer is never refused for an odd field. */
function lenientString(object: JsonObject, field: string): string | undefined {
	const value = object[field];
	return typeof value === 'string' ? value : undefined;
}

/** As lenientString, keeping null. */
function lenientNullableString(object: JsonObject, field: string): string | null | undefined {
	return object[field] === null ? null : lenientString(object, field);
}

function lenientBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') {
		return value;
	}

	return value === 'true' || value === 'false' ? value === 'true' : undefined;
}

function messageText(message: JsonObject): string | undefined {
	const localized = message['localizedText'];
	if (typeof localized === 'string' && localized !== '') {
		return localized;
	}

	if (localized !== null && typeof localized === 'object' && !Array.isArray(localized)) {
		const text = (localized as JsonObject)['message'];
		if (typeof text === 'string' && text !== '') {
			return text;
		}
	}

	const key = message['key'];
	return typeof key === 'string' && key !== '' ? key : undefined;
}

function parseMessages(value: unknown): LoadAccountsMessage[] | undefined {
	if (!Array.isArray(value)) {
		return undefined;
	}

	const messages: LoadAccountsMessage[] = [];
	for (const item of value) {
		if (item === null || typeof item !== 'object' || Array.isArray(item)) {
			continue;
		}

		const text = messageText(item as JsonObject);
		if (text !== undefined) {
			const type = (item as JsonObject)['type'];
			messages.push(compact({type: typeof type === 'string' ? safeText(type) : undefined, text: safeText(text)}));
		}
	}

	return messages;
}

/**
 * Reads the 202 answer of POST /v2025/sources/{id}/load-accounts. A task id is all it takes to know the request was
 * accepted, whatever else is odd (dates as epoch ms or impossible, progress null, numeric attributes), so every other
 * field is read leniently and dropped when unusable. An answer whose messages say an aggregation of the source is
 * already running comes back with alreadyRunning. Throws a bad-response IscError when the body is not an object, and
 * a request IscError (HTTP 202, with the body's own messages) when it has no task id or says success: false.
 */
export function parseLoadAccountsTask(body: unknown): LoadAccountsTask {
	const source = asObject(body, 'load-accounts answer');
	const value = source['task'];
	const task: JsonObject = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
	const rawId = task['id'];
	const id = typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
	const success = lenientBoolean(source['success']);
	const messages = parseMessages(task['messages']);
	const alreadyRunning = (messages ?? []).some(message => ALREADY_RUNNING.test(message.text));
	if (!alreadyRunning && (id === undefined || success === false)) {
		const said = [source['message'], ...(messages ?? []).map(message => message.text)]
			.filter((text): text is string => typeof text === 'string' && text !== '')
			.map(text => safeText(text));
		const why = id === undefined ? 'ISC accepted the request but its answer has no task id' : 'ISC answered success: false';
		throw new IscError({kind: 'request', status: 202, message: said.length === 0 ? why : `${why}: ${said.join('; ')}`});
	}

	if (id !== undefined && !isHexId(id) && !alreadyRunning) {
		// Not one to follow, save or print as it came (it could carry terminal escape sequences).
		throw new IscError({
			kind: 'bad-response',
			status: 202,
			message: `ISC's load-accounts answer holds a task id that is not an ISC id (32 hexadecimal characters): ${quotedInput(id)}`,
		});
	}

	return compact({
		success,
		alreadyRunning: alreadyRunning ? (true as const) : undefined,
		task: compact({
			// An "already running" answer's id is the refused task's: kept only when it is an ISC id.
			id: id !== undefined && isHexId(id) ? id : '',
			type: lenientString(task, 'type'),
			name: lenientString(task, 'name'),
			description: lenientString(task, 'description'),
			launcher: lenientString(task, 'launcher'),
			created: nullableDateTime(task, 'created'),
			launched: nullableDateTime(task, 'launched'),
			completed: nullableDateTime(task, 'completed'),
			completionStatus: lenientNullableString(task, 'completionStatus'),
			parentName: lenientNullableString(task, 'parentName'),
			progress: lenientNullableString(task, 'progress'),
			messages,
			attributes: stringAttributes(task['attributes']),
		}),
	});
}

/** The message by which ISC refuses to start a second aggregation of a source while one is running. */
const ALREADY_RUNNING = /currently running aggregation must complete|already (?:running|in progress)/i;
