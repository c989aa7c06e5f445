import type {TaskMessage, TaskOutcome} from '../domain/outcome.js';
import type {JsonObject} from './json-fields.js';
import {safeText} from '../domain/status.js';
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
	/** messages[]: type and localizedText.message; items without a text are left out. */
	messages: TaskMessage[];
	/** The numeric `attributes` named by `returns[].attributeName` (numeric strings accepted; anything else skipped). */
	counts: Record<string, number>;
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

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * messages[] read leniently: SailPoint documents its shape loosely and tenants differ, so an item that is not an
 * object or carries no text is skipped rather than failing the whole answer. Text is made safe to print.
 */
function parseMessages(value: unknown): TaskMessage[] {
	if (!Array.isArray(value)) {
		return [];
	}

	const messages: TaskMessage[] = [];
	for (const item of value) {
		if (!isObject(item)) {
			continue;
		}

		// localizedText is an object with a message in the document; real tenants have also sent it as a plain string.
		const localized = item['localizedText'];
		const text =
			typeof localized === 'string' && localized !== ''
				? localized
				: isObject(localized) && typeof localized['message'] === 'string'
					? localized['message']
					: typeof item['key'] === 'string'
						? item['key']
						: undefined;
		if (text === undefined) {
			continue;
		}

		const type = typeof item['type'] === 'string' && item['type'] !== '' ? item['type'] : 'INFO';
		messages.push({type: safeText(type), text: safeText(text)});
	}

	return messages;
}

const NUMERIC_TEXT = /^\s*-?\d+(?:\.\d+)?\s*$/;

function asCount(value: unknown): number | undefined {
	// `+ 0` turns -0 into 0, so a saved or printed figure reads the same after a JSON round trip.
	if (typeof value === 'number') {
		return Number.isFinite(value) ? value + 0 : undefined;
	}

	if (typeof value === 'string' && NUMERIC_TEXT.test(value)) {
		const number = Number(value);
		return Number.isFinite(number) ? number + 0 : undefined;
	}

	return undefined;
}

/**
 * Names a task's `returns` list (or its attributes) may hold that are not figures: the source's name
 * (`applications`), whether optimisation was on (`optimizedAggregation`: "enabled"), the source id, an event id.
 * Never shown as counts, even when the value happens to be digits.
 */
const NOT_FIGURES: ReadonlySet<string> = new Set(['applications', 'optimizedAggregation', 'appId', 'eventId']);

/**
 * The run's figures: `attributes` under the names `returns[].attributeName` lists. SailPoint documents none of these
 * names per task type, so they are data: every name present with a number (or a numeric string) is kept, others are
 * skipped. Without a usable `returns` list, every numeric attribute is taken.
 */
function parseCounts(attributes: unknown, returns: unknown): Record<string, number> {
	if (!isObject(attributes)) {
		return {};
	}

	const named = Array.isArray(returns)
		? returns.flatMap(item => (isObject(item) && typeof item['attributeName'] === 'string' ? [item['attributeName']] : []))
		: [];
	const names = named.length > 0 ? named : Object.keys(attributes);
	const counts: Record<string, number> = {};
	for (const name of names) {
		if (!Object.hasOwn(attributes, name) || name === '__proto__' || NOT_FIGURES.has(name)) {
			continue;
		}

		const count = asCount(attributes[name]);
		if (count !== undefined) {
			counts[safeText(name)] = count;
		}
	}

	return counts;
}

/** What aggwatch keeps of a task: its outcome, in the shape `status --json` prints and the store saves. */
export function toTaskOutcome(task: TaskStatus): TaskOutcome {
	return {
		completionStatus: task.completionStatus === null ? null : safeText(task.completionStatus),
		...(typeof task.launched === 'string' ? {launched: task.launched} : {}),
		...(typeof task.completed === 'string' ? {completed: task.completed} : {}),
		messages: task.messages,
		counts: task.counts,
	};
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
		messages: parseMessages(source['messages']),
		counts: parseCounts(source['attributes'], source['returns']),
	});
}

export function parseTaskStatusList(body: unknown): TaskStatus[] {
	return asArray(body, 'task status list').map(item => parseTaskStatus(item));
}
