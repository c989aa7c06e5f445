import {
	DEFAULT_PREFS,
	SORT_KEYS,
	ROW_PHASES,
	type Prefs,
	type RowRef,
	type StoreData,
	type StoredRow,
	type TenantRecord,
} from './schema.js';
import {isRecord} from '../domain/guards.js';

/**
 * Pure operations on the file's contents. Each mutation of the store reads the current file under the lock and
 * applies one of these, so two processes never write back stale copies of each other's rows.
 */

function refKey(ref: RowRef): string {
	return `${ref.tenant}\u0000${ref.id}`;
}

/** Fills what a missing file lacks and drops duplicate rows (first wins). Unknown fields are kept. */
export function normalizeData(value: unknown): StoreData {
	const source = isRecord(value) ? value : {};
	const seen = new Set<string>();
	const tracked: StoredRow[] = [];
	for (const row of Array.isArray(source['tracked']) ? (source['tracked'] as StoredRow[]) : []) {
		const key = refKey(row);
		if (!seen.has(key)) {
			seen.add(key);
			tracked.push(row);
		}
	}

	return {
		...source,
		schemaVersion: 1,
		tracked,
		prefs: {...DEFAULT_PREFS, ...(isRecord(source['prefs']) ? source['prefs'] : {})},
		tenants: isRecord(source['tenants']) ? (source['tenants'] as Record<string, TenantRecord>) : {},
	};
}

function assertRow(row: StoredRow): void {
	if (typeof row.id !== 'string' || row.id === '' || typeof row.tenant !== 'string' || row.tenant === '') {
		throw new TypeError(`A tracked row needs a non-empty id and tenant, got ${JSON.stringify({id: row.id, tenant: row.tenant})}`);
	}

	if (!Number.isFinite(row.addedAt)) {
		throw new TypeError(`Tracked row ${row.id} has no valid addedAt`);
	}

	if (row.phase !== undefined && !ROW_PHASES.includes(row.phase)) {
		throw new TypeError(`Tracked row ${row.id} has an unknown phase "${String(row.phase)}"`);
	}
}

/** Copies the fields the file keeps; anything else a caller's row carries (in-flight flags, samples...) stays out. */
export function toStoredRow(row: StoredRow): StoredRow {
	const stored: StoredRow = {id: row.id, tenant: row.tenant, addedAt: row.addedAt};
	copyState(stored, row);
	return stored;
}

/** Copies the fields that change over a row's life, where `from` has them. */
function copyState(target: StoredRow, from: StoredRow): void {
	if (from.label !== undefined) {
		target.label = from.label;
	}

	if (from.snapshot !== undefined) {
		target.snapshot = structuredClone(from.snapshot);
	}

	if (from.lastOkAt !== undefined) {
		target.lastOkAt = from.lastOkAt;
	}

	if (from.phase !== undefined) {
		target.phase = from.phase;
	}

	if (from.endedAt !== undefined) {
		target.endedAt = from.endedAt;
	}

	if (from.task !== undefined) {
		target.task = structuredClone(from.task);
	}

	if (from.taskGaveUp === true) {
		target.taskGaveUp = true;
	}
}

export interface AddResult {
	/** The rows that were new, as stored. */
	added: StoredRow[];
	/** For each row whose tenant+id was already tracked (or repeated in the input): the row as stored. */
	existing: StoredRow[];
}

export function addRows(data: StoreData, rows: readonly StoredRow[]): AddResult {
	for (const row of rows) {
		assertRow(row);
	}

	const byKey = new Map(data.tracked.map(row => [refKey(row), row]));
	const result: AddResult = {added: [], existing: []};
	for (const row of rows) {
		const present = byKey.get(refKey(row));
		if (present) {
			result.existing.push(structuredClone(present));
			continue;
		}

		const stored = toStoredRow(row);
		data.tracked.push(stored);
		byKey.set(refKey(stored), stored);
		result.added.push(structuredClone(stored));
	}

	return result;
}

/** Returns the rows that were removed. */
export function removeRows(data: StoreData, refs: readonly RowRef[]): StoredRow[] {
	const doomed = new Set(refs.map(ref => refKey(ref)));
	const removed: StoredRow[] = [];
	data.tracked = data.tracked.filter(row => {
		if (doomed.has(refKey(row))) {
			removed.push(row);
			return false;
		}

		return true;
	});
	return removed;
}

export interface SaveResult {
	/** How many of the given rows are still tracked (their state was recorded). */
	updated: number;
	/** Rows that are no longer in the file (removed elsewhere); they were not written back. */
	missing: RowRef[];
}

/**
 * Updates label, snapshot, lastOkAt, phase, endedAt and the task outcome of rows still in the file, where the given row has them.
 * Never adds a row: one removed by another process stays removed.
 */
export function updateRows(data: StoreData, rows: readonly StoredRow[]): SaveResult {
	const byKey = new Map(data.tracked.map(row => [refKey(row), row]));
	const result: SaveResult = {updated: 0, missing: []};
	for (const row of rows) {
		const stored = byKey.get(refKey(row));
		if (stored === undefined) {
			result.missing.push({tenant: row.tenant, id: row.id});
			continue;
		}

		if (row.phase !== undefined && !ROW_PHASES.includes(row.phase)) {
			throw new TypeError(`Tracked row ${row.id} has an unknown phase "${String(row.phase)}"`);
		}

		copyState(stored, row);
		result.updated++;
	}

	return result;
}

/** The prefs that can be removed again (aggwatch config unset): the defaults of --on-end and --notify. */
export type RemovablePref = 'onEnd' | 'notifyFormat' | 'notifySecret';

/** Some prefs to set, and some (`unset`) to remove. */
export type PrefsChange = Partial<Prefs> & {unset?: readonly RemovablePref[]};

export function mergePrefs(data: StoreData, partial: PrefsChange): Prefs {
	if (partial.sort !== undefined) {
		if (!SORT_KEYS.includes(partial.sort)) {
			throw new TypeError(`Unknown sort "${String(partial.sort)}"; expected one of ${SORT_KEYS.join(', ')}`);
		}

		data.prefs.sort = partial.sort;
	}

	if (partial.detail !== undefined) {
		if (typeof partial.detail !== 'boolean') {
			throw new TypeError('prefs.detail must be true or false');
		}

		data.prefs.detail = partial.detail;
	}

	for (const key of ['bell', 'notify'] as const) {
		const value = partial[key];
		if (value !== undefined) {
			if (typeof value !== 'boolean') {
				throw new TypeError(`prefs.${key} must be true or false`);
			}

			data.prefs[key] = value;
		}
	}

	if (partial.onEnd !== undefined) {
		if (typeof partial.onEnd !== 'string' || partial.onEnd.trim() === '') {
			throw new TypeError('prefs.onEnd must be a command');
		}

		data.prefs.onEnd = partial.onEnd;
	}

	if (partial.notifyFormat !== undefined) {
		if (!['slack', 'teams', 'json'].includes(partial.notifyFormat)) {
			throw new TypeError('prefs.notifyFormat must be slack, teams or json');
		}

		data.prefs.notifyFormat = partial.notifyFormat;
	}

	if (partial.notifySecret !== undefined) {
		if (partial.notifySecret !== 'keychain' && partial.notifySecret !== 'file') {
			throw new TypeError('prefs.notifySecret must be keychain or file');
		}

		data.prefs.notifySecret = partial.notifySecret;
	}

	for (const key of partial.unset ?? []) {
		delete data.prefs[key];
	}

	return {...data.prefs};
}

const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function assertTenantName(name: string): void {
	if (
		typeof name !== 'string' ||
		name.trim() !== name ||
		name === '' ||
		name.length > 100 ||
		/[\u0000-\u001f\u007f]/.test(name) ||
		RESERVED_NAMES.has(name)
	) {
		throw new TypeError(`"${String(name)}" is not a usable tenant name`);
	}
}

/** Keeps only the known, non-secret fields: nothing else from the caller's object reaches the file. */
export function toTenantRecord(record: TenantRecord): TenantRecord {
	if (typeof record.baseUrl !== 'string' || record.baseUrl === '') {
		throw new TypeError('A saved tenant needs a baseUrl');
	}

	const stored: TenantRecord = {baseUrl: record.baseUrl};
	if (record.clientId !== undefined) {
		stored.clientId = record.clientId;
	}

	if (record.apiVersion !== undefined) {
		stored.apiVersion = record.apiVersion;
	}

	if (record.secret === 'keychain' || record.secret === 'file') {
		stored.secret = record.secret;
	}

	return stored;
}
