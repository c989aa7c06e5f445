import type {RowPhase, RowSeed} from '../core/types.js';
import {isCount, isFiniteNumber, isNonEmptyString, isRecord, isString} from '../domain/guards.js';
import {COUNT_FIELDS} from '../domain/status.js';

/** The shape version this build writes. Bump it together with a new entry in `migrations.ts`. */
export const SCHEMA_VERSION = 1;

export const SORT_KEYS = ['added', 'status', 'severity', 'severity-reversed', 'progress', 'start'] as const;

export type SortKey = (typeof SORT_KEYS)[number];

export const ROW_PHASES: readonly RowPhase[] = ['waiting', 'running', 'ended', 'not-found', 'expired'];

export interface Prefs {
	sort: SortKey;
	/** The detail pane is open. */
	detail: boolean;
	/** Ring the terminal bell when a tracked aggregation ends (default on). */
	bell?: boolean;
	/** Send a desktop notification (OSC 9) when a tracked aggregation ends (default on). */
	notify?: boolean;
	/** The default of --on-end: a shell command run for each run event (aggwatch config set on-end). */
	onEnd?: string;
	/** The default of --notify-format (aggwatch config set notify-format); guessed from the host when absent. */
	notifyFormat?: 'slack' | 'teams' | 'json';
	/**
	 * A webhook URL for --notify is saved in the secrets store, and where (as TenantRecord.secret): the URL itself is
	 * never in this file.
	 */
	notifySecret?: 'keychain' | 'file';
}

export const DEFAULT_PREFS: Prefs = {sort: 'added', detail: false};

/**
 * A saved tenant. Never holds a secret: secrets live in the secrets store (store/secrets.ts), keyed by the tenant
 * name and the folder's keychainId; the record says where its secret went when it was stored last.
 */
export interface TenantRecord {
	baseUrl: string;
	clientId?: string;
	apiVersion?: string;
	/** Where its client secret is: the OS keychain or the 0600 file. Absent for tenants saved before it was recorded. */
	secret?: 'keychain' | 'file';
}

/** Identifies a tracked row: the same aggregation id can exist on two tenants. */
export interface RowRef {
	tenant: string;
	id: string;
}

/**
 * A tracked aggregation as it is kept on disk: enough to show it again, with its last known state, after a restart.
 * It is exactly what the monitor core restores a row from (`tenant` is the tenant's short name, a key of `tenants`
 * when it is a saved tenant).
 */
export type StoredRow = RowSeed;

/** The whole main file. Fields this build does not know are kept as they are. */
export type StoreData = {
	schemaVersion: typeof SCHEMA_VERSION;
	tracked: StoredRow[];
	prefs: Prefs;
	tenants: Record<string, TenantRecord>;
	defaultTenant?: string;
	/**
	 * This folder's part of its keychain entries' names (`acme@<keychainId>` under service "aggwatch"), made when
	 * the first secret is stored, so two settings folders never share (or remove) each other's secrets.
	 */
	keychainId?: string;
};

const SCHEMA_VIOLATION = 'Config schema violation: ';

/** A shape problem at `path`, worded like conf's own schema errors so the set-aside path treats it the same. */
function violation(path: string, problem: string): Error {
	return new Error(`${SCHEMA_VIOLATION}\`${path}\` ${problem}`);
}

function optional(value: Record<string, unknown>, key: string, path: string, check: (v: unknown) => boolean, what: string): void {
	if (key in value && value[key] !== undefined && !check(value[key])) {
		throw violation(`${path}/${key}`, `must be ${what}`);
	}
}

function validateRow(row: unknown, path: string): void {
	if (!isRecord(row)) {
		throw violation(path, 'must be object');
	}

	for (const key of ['id', 'tenant']) {
		if (!isNonEmptyString(row[key])) {
			throw violation(`${path}/${key}`, 'must be a non-empty string');
		}
	}

	if (!isFiniteNumber(row['addedAt'])) {
		throw violation(`${path}/addedAt`, 'must be number');
	}

	optional(row, 'label', path, isString, 'string');
	optional(row, 'lastOkAt', path, isFiniteNumber, 'number');
	optional(row, 'endedAt', path, isFiniteNumber, 'number');
	optional(row, 'phase', path, v => (ROW_PHASES as readonly unknown[]).includes(v), `one of ${ROW_PHASES.join(', ')}`);
	if (row['snapshot'] !== undefined) {
		const snapshot = row['snapshot'];
		if (!isRecord(snapshot)) {
			throw violation(`${path}/snapshot`, 'must be object');
		}

		optional(snapshot, 'start', `${path}/snapshot`, v => v === null || typeof v === 'string', 'string or null');
		optional(snapshot, 'status', `${path}/snapshot`, isString, 'string');
		for (const key of COUNT_FIELDS) {
			optional(snapshot, key, `${path}/snapshot`, isCount, 'an integer >= 0');
		}
	}

	optional(row, 'taskGaveUp', path, v => typeof v === 'boolean', 'boolean');
	if (row['task'] !== undefined) {
		validateTask(row['task'], `${path}/task`);
	}
}

/** A row's task outcome (domain/outcome.ts TaskOutcome): completion status, times, messages, counts. */
function validateTask(task: unknown, path: string): void {
	if (!isRecord(task)) {
		throw violation(path, 'must be object');
	}

	if (task['completionStatus'] !== null && typeof task['completionStatus'] !== 'string') {
		throw violation(`${path}/completionStatus`, 'must be string or null');
	}

	optional(task, 'launched', path, isString, 'string');
	optional(task, 'completed', path, isString, 'string');
	const messages = task['messages'];
	if (!Array.isArray(messages)) {
		throw violation(`${path}/messages`, 'must be array');
	}

	for (const [index, message] of messages.entries()) {
		if (!isRecord(message) || !isString(message['type']) || !isString(message['text'])) {
			throw violation(`${path}/messages/${index}`, 'must be object with string type and text');
		}
	}

	const counts = task['counts'];
	if (!isRecord(counts)) {
		throw violation(`${path}/counts`, 'must be object');
	}

	for (const [name, value] of Object.entries(counts)) {
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			throw violation(`${path}/counts/${name}`, 'must be number');
		}
	}
}

/**
 * Checks the whole file's shape by hand (extra properties are allowed everywhere). It replaces conf's JSON Schema
 * option, whose ajv compilation cost a few hundred milliseconds on every start.
 * Throws an Error whose message starts like conf's schema violations.
 */
export function validateStoreData(value: unknown): asserts value is StoreData {
	if (!isRecord(value)) {
		throw violation('', 'must be object');
	}

	for (const key of ['schemaVersion', 'tracked', 'prefs', 'tenants']) {
		if (!(key in value)) {
			throw violation('', `must have required property '${key}'`);
		}
	}

	if (value['schemaVersion'] !== SCHEMA_VERSION) {
		throw violation('/schemaVersion', `must be equal to constant ${SCHEMA_VERSION}`);
	}

	const tracked = value['tracked'];
	if (!Array.isArray(tracked)) {
		throw violation('/tracked', 'must be array');
	}

	for (const [index, row] of tracked.entries()) {
		validateRow(row, `/tracked/${index}`);
	}

	const prefs = value['prefs'];
	if (!isRecord(prefs)) {
		throw violation('/prefs', 'must be object');
	}

	if (!(SORT_KEYS as readonly unknown[]).includes(prefs['sort'])) {
		throw violation('/prefs/sort', `must be one of ${SORT_KEYS.join(', ')}`);
	}

	if (typeof prefs['detail'] !== 'boolean') {
		throw violation('/prefs/detail', 'must be boolean');
	}

	optional(prefs, 'bell', '/prefs', v => typeof v === 'boolean', 'boolean');
	optional(prefs, 'notify', '/prefs', v => typeof v === 'boolean', 'boolean');
	optional(prefs, 'onEnd', '/prefs', isNonEmptyString, 'a non-empty string');
	optional(prefs, 'notifyFormat', '/prefs', v => v === 'slack' || v === 'teams' || v === 'json', 'slack, teams or json');
	optional(prefs, 'notifySecret', '/prefs', v => v === 'keychain' || v === 'file', 'keychain or file');

	const tenants = value['tenants'];
	if (!isRecord(tenants)) {
		throw violation('/tenants', 'must be object');
	}

	for (const [name, record] of Object.entries(tenants)) {
		validTenant(record, `/tenants/${name}`);
	}

	optional(value, 'defaultTenant', '', isNonEmptyString, 'a non-empty string');
	optional(value, 'keychainId', '', v => isNonEmptyString(v) && /^[\w-]+$/.test(v), 'a non-empty string of letters, digits, - and _');
}

function validTenant(record: unknown, path: string): void {
	if (!isRecord(record)) {
		throw violation(path, 'must be object');
	}

	if (!isNonEmptyString(record['baseUrl'])) {
		throw violation(`${path}/baseUrl`, 'must be a non-empty string');
	}

	optional(record, 'clientId', path, isString, 'string');
	optional(record, 'apiVersion', path, isString, 'string');
	optional(record, 'secret', path, v => v === 'keychain' || v === 'file', 'keychain or file');
}

function problemOf(check: () => void): string | undefined {
	try {
		check();
		return undefined;
	} catch (error) {
		return (error as Error).message.slice(SCHEMA_VIOLATION.length);
	}
}

/**
 * A file of this build's shape with some entries that are wrong: the entries that can be used are kept, the others
 * left out (a tracked row, a saved tenant, a preference, the default tenant), each named in `dropped`. Returns
 * undefined when the file is not of this shape at all (no object, another schema version, no `tracked` array...):
 * then the whole file is set aside as before.
 */
export function salvageStoreData(value: unknown): {data: StoreData; dropped: string[]} | undefined {
	if (!isRecord(value) || value['schemaVersion'] !== SCHEMA_VERSION || !Array.isArray(value['tracked'])) {
		return undefined;
	}

	if (!isRecord(value['prefs']) || !isRecord(value['tenants'])) {
		return undefined;
	}

	const dropped: string[] = [];
	const tracked: unknown[] = [];
	for (const [index, row] of (value['tracked'] as unknown[]).entries()) {
		const problem = problemOf(() => validateRow(row, `/tracked/${index}`));
		if (problem === undefined) {
			tracked.push(row);
		} else {
			dropped.push(problem);
		}
	}

	const tenants: Record<string, unknown> = {};
	for (const [name, record] of Object.entries(value['tenants'])) {
		const problem = problemOf(() => validTenant(record, `/tenants/${name}`));
		if (problem === undefined) {
			tenants[name] = record;
		} else {
			dropped.push(problem);
		}
	}

	const prefs: Record<string, unknown> = {...value['prefs']};
	if (!(SORT_KEYS as readonly unknown[]).includes(prefs['sort'])) {
		dropped.push(`\`/prefs/sort\` must be one of ${SORT_KEYS.join(', ')}`);
		prefs['sort'] = DEFAULT_PREFS.sort;
	}

	if (typeof prefs['detail'] !== 'boolean') {
		dropped.push('`/prefs/detail` must be boolean');
		prefs['detail'] = DEFAULT_PREFS.detail;
	}

	for (const key of ['bell', 'notify']) {
		if (prefs[key] !== undefined && typeof prefs[key] !== 'boolean') {
			dropped.push(`\`/prefs/${key}\` must be boolean`);
			delete prefs[key];
		}
	}

	const data: Record<string, unknown> = {...value, tracked, tenants, prefs};
	if (data['defaultTenant'] !== undefined && !isNonEmptyString(data['defaultTenant'])) {
		dropped.push('`/defaultTenant` must be a non-empty string');
		delete data['defaultTenant'];
	}

	validateStoreData(data);
	return {data, dropped};
}

export function emptyStoreData(): StoreData {
	return {schemaVersion: SCHEMA_VERSION, tracked: [], prefs: {...DEFAULT_PREFS}, tenants: {}};
}
