import path from 'node:path';
import {DEFAULT_HISTORY_BOUNDS, pruneEntries, type HistoryBounds} from '../history/bounds.js';
import {entryFromRow, historyKey, parseEntry, type EndedRow, type HistoryEntry} from '../history/entry.js';
import {isRecord} from '../domain/guards.js';
import type {LockOptions} from './lock.js';
import {LockedFile} from './locked-file.js';
import {demoStoreDir, resolveStoreDir, type StoreLocation} from './paths.js';
import {setAside} from './set-aside.js';

/** The history's own file in the store folder: it grows with every aggregation, so it stays out of config.json. */
export const HISTORY_FILE_NAME = 'history.json';
export const HISTORY_SCHEMA_VERSION = 1;

export interface OpenHistoryOptions extends StoreLocation {
	/** The demo store's folder, as `openStore({demo})`. */
	demo?: boolean;
	bounds?: Partial<HistoryBounds>;
	now?: () => number;
	lock?: Partial<LockOptions>;
	/** A file that could not be used was set aside. Default console.error. */
	onWarning?: (line: string) => void;
}

interface HistoryData {
	entries: HistoryEntry[];
	/** Top-level fields a newer aggwatch may have added; written back as they were. */
	rest: Record<string, unknown>;
}

type ReadResult = {ok: true; data: HistoryData} | {ok: false; bytes: Buffer; reason: string};

function parseFile(bytes: Buffer): ReadResult {
	const text = bytes.toString('utf8');
	if (text.trim() === '') {
		return {ok: true, data: {entries: [], rest: {}}};
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		return {ok: false, bytes, reason: `it is not valid JSON (${(error as Error).message})`};
	}

	if (!isRecord(parsed) || !Array.isArray(parsed['entries'])) {
		return {ok: false, bytes, reason: 'it is not a history file (no "entries" list)'};
	}

	const version = parsed['schemaVersion'];
	if (typeof version === 'number' && version > HISTORY_SCHEMA_VERSION) {
		return {
			ok: false,
			bytes,
			reason: `it was written by a newer aggwatch (history version ${version}; this one reads ${HISTORY_SCHEMA_VERSION})`,
		};
	}

	const {entries, schemaVersion: _version, ...rest} = parsed;
	const usable = (entries as unknown[]).map(entry => parseEntry(entry)).filter(entry => entry !== undefined);
	return {ok: true, data: {entries: usable, rest}};
}

/** Where the history of a store folder lives (nothing is created). */
export function historyPath(options: Pick<OpenHistoryOptions, 'demo' | 'cwd' | 'env'> = {}): string {
	const dir = options.demo ? demoStoreDir(options) : resolveStoreDir(options);
	return path.join(dir, HISTORY_FILE_NAME);
}

/** Opens (lazily: nothing is read or created yet) the history next to the store. */
export function openHistory(options: OpenHistoryOptions = {}): HistoryFile {
	return new HistoryFile(historyPath(options), options);
}

/**
 * The aggregations aggwatch saw end, kept after ISC forgets them (about an hour after the end).
 * One entry per tenant+id. Each write reads the file's current contents under a cross-process lock, merges,
 * prunes to the bounds and replaces the file atomically (0600), so concurrent monitors and waits lose nothing.
 */
export class HistoryFile {
	readonly path: string;
	readonly dir: string;
	readonly bounds: HistoryBounds;
	readonly #file: LockedFile;
	readonly #now: () => number;
	readonly #onWarning: (line: string) => void;

	constructor(file: string, options: Omit<OpenHistoryOptions, keyof StoreLocation | 'demo'> = {}) {
		this.#file = new LockedFile(file, 'the history', options.lock);
		this.path = this.#file.path;
		this.dir = this.#file.dir;
		this.bounds = {...DEFAULT_HISTORY_BOUNDS, ...options.bounds};
		this.#now = options.now ?? Date.now;
		this.#onWarning = options.onWarning ?? (line => console.error(line));
	}

	/** Every entry within the bounds, newest first. A file that cannot be used is set aside (with a warning) and reads as empty. */
	list(): HistoryEntry[] {
		const bytes = this.#file.read();
		if (bytes === undefined) {
			return [];
		}

		const result = parseFile(bytes);
		const data = result.ok ? result.data : this.#file.locked(() => this.#read());
		return pruneEntries(data.entries, this.bounds, this.#now());
	}

	/**
	 * Records the rows that have ended (phase `ended` with an end status); others are ignored, so any batch of
	 * rows may be passed. An aggregation already recorded is left as it is (its source name is filled in if it had
	 * none). Returns the entries that were new. Writes nothing when nothing changed. Throws StoreError when the
	 * folder or the lock cannot be used.
	 */
	recordEnded(rows: readonly EndedRow[]): HistoryEntry[] {
		const now = this.#now();
		const candidates = rows.map(row => entryFromRow(row, now)).filter(entry => entry !== undefined);
		if (candidates.length === 0) {
			return [];
		}

		return this.#file.locked(() => {
			const data = this.#read();
			const byKey = new Map(data.entries.map(entry => [historyKey(entry), entry]));
			const added: HistoryEntry[] = [];
			let changed = false;
			for (const candidate of candidates) {
				const key = historyKey(candidate);
				const present = byKey.get(key);
				if (present === undefined) {
					byKey.set(key, candidate);
					added.push(candidate);
				} else {
					// Learnt since it was recorded: its source name, its outcome and the run's own start and end (read from
					// its task after the end: a run that ended unwatched was recorded with when its end was seen).
					const learnt = {
						...(present.source === undefined && candidate.source !== undefined ? {source: candidate.source} : {}),
						...(present.outcome === undefined && candidate.outcome !== undefined ? {outcome: candidate.outcome} : {}),
						...(present.timesFromTask !== true && candidate.timesFromTask === true ? taskTimes(candidate) : {}),
					};
					if (Object.keys(learnt).length > 0) {
						byKey.set(key, {...present, ...learnt});
						changed = true;
					}
				}
			}

			const all = [...byKey.values()];
			const kept = pruneEntries(all, this.bounds, now);
			if (added.length > 0 || changed || kept.length !== data.entries.length) {
				this.#write({entries: kept, rest: data.rest});
			}

			const keptKeys = new Set(kept.map(entry => historyKey(entry)));
			return added.filter(entry => keptKeys.has(historyKey(entry)));
		});
	}

	/**
	 * Replaces the whole history with these entries (pruned to the bounds). For the demo only, whose history
	 * starts afresh on every run like its store and its tenant. Throws StoreError like recordEnded.
	 */
	reset(entries: readonly HistoryEntry[]): void {
		const kept = pruneEntries([...entries], this.bounds, this.#now());
		this.#file.locked(() => {
			const data = this.#read();
			this.#write({entries: kept, rest: data.rest});
		});
	}

	/** Under the lock: the file's contents; an unusable file is set aside and reads as empty. */
	#read(): HistoryData {
		const bytes = this.#file.read();
		if (bytes === undefined) {
			return {entries: [], rest: {}};
		}

		const result = parseFile(bytes);
		if (result.ok) {
			return result.data;
		}

		const warning = setAside(this.path, result.bytes, result.reason, this.#now());
		this.#onWarning(
			warning.replace('The store file', 'The history file').replace('starting with an empty store', 'starting a new history'),
		);
		return {entries: [], rest: {}};
	}

	#write(data: HistoryData): void {
		const text = `${JSON.stringify({...data.rest, schemaVersion: HISTORY_SCHEMA_VERSION, entries: data.entries}, undefined, '\t')}\n`;
		this.#file.write(text);
	}
}

/** An entry's start, end and duration when they are its task's launched and completed times. */
function taskTimes(entry: HistoryEntry): Partial<HistoryEntry> {
	return {
		...(entry.start === undefined ? {} : {start: entry.start}),
		end: entry.end,
		...(entry.durationMs === undefined ? {} : {durationMs: entry.durationMs}),
		timesFromTask: true,
	};
}
