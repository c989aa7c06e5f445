import type {IscClient} from '../isc/client.js';
import {RUNNING_AGGREGATIONS_FILTER, sourcesAggregationsFilter} from '../isc/client.js';
import {IscError} from '../domain/errors.js';
import type {IscSource} from '../isc/source.js';
import type {TaskStatus} from '../isc/task-status.js';
import {gmtOffsetMinutes, readCron, zoneName, type CronSchedule} from '../core/cron-schedule.js';
import {compareOverviews, sourceOverview, type ScheduleFacts, type SourceOverview, type SourceRunTask} from '../core/source-overview.js';

/** The reads the tenant at a glance makes; each goes through the tenant's budget (see gatedClient). */
export type OverviewClient = Pick<IscClient, 'listSources' | 'listTaskStatus' | 'listSourceSchedules' | 'getManagedCluster'>;

export interface TenantOverviewOptions {
	tenant: string;
	client: OverviewClient;
	now: () => number;
	/** Something new came in: redraw, or print when complete. */
	onChange?: () => void;
	/** A read that failed without failing the whole answer (a schedule, a cluster). */
	onWarning?: (message: string) => void;
	/** How long a schedule read is kept. Default an hour. */
	scheduleTtlMs?: number;
	/** Schedule reads under way at once (each still waits its turn in the budget). Default 4. */
	concurrency?: number;
	/** Source ids per `sourceId in (…)` task list. Default 50. */
	chunkSize?: number;
	/** Pages of one chunk's task list at most, while some of its sources have no ended run yet. Default 4. */
	maxPagesPerChunk?: number;
	stallAfterMs?: number;
}

const PAGE = 250;
const MAX_SOURCE_PAGES = 40;
export const SCHEDULE_TTL_MS = 3_600_000;

interface ScheduleRead {
	/** null: the source has no account aggregation schedule. */
	expression: string | null;
	readAt: number;
}

/** The account aggregation schedule of a source's schedules, if it has one. */
function aggregationSchedule(schedules: ReadonlyArray<{type: string; cronExpression: string}>): string | null {
	return schedules.find(schedule => schedule.type.toUpperCase() === 'ACCOUNT_AGGREGATION')?.cronExpression ?? null;
}

function toRunTask(task: TaskStatus): SourceRunTask {
	return {
		id: task.id,
		completionStatus: task.completionStatus,
		...(task.created === undefined ? {} : {created: task.created}),
		...(task.launched === undefined ? {} : {launched: task.launched}),
		...(task.completed === undefined ? {} : {completed: task.completed}),
		...(task.modified === undefined ? {} : {modified: task.modified}),
		...(task.progress === undefined ? {} : {progress: task.progress}),
		messages: task.messages,
		counts: task.counts,
	};
}

/**
 * One tenant's sources at a glance, read within its budget and filled in as answers come: the sources (paged, with
 * for-subadmin where needed), their account aggregations from task-status lists (`sourceId in (…)` for 50 sources at a
 * time, sorted -created, and the running ones with `completionStatus isnull`: never one task per source), the clusters'
 * zones, then each source's schedule, the sources asked for first (those on screen) before the others, each kept an hour.
 */
export class TenantOverview {
	readonly tenant: string;
	sources: IscSource[] = [];
	/** The whole answer is in: sources, runs, and every schedule (read or failed). */
	complete = false;
	/** The sources and their runs have been read at least once (or the read failed: see error). */
	runsRead = false;
	/** What stopped the read (the source list could not be had). */
	error: IscError | undefined;
	/** Requests sent so far. */
	requests = 0;
	readonly #options: TenantOverviewOptions;
	readonly #runs = new Map<string, Map<string, SourceRunTask>>();
	readonly #schedules = new Map<string, ScheduleRead>();
	/** Sources whose schedule could not be read (shown unknown until a later refresh). */
	readonly #scheduleFailed = new Set<string>();
	readonly #clusters = new Map<string, number | null>();
	/** Sources whose chunk's task list was not read to its end while they had no ended run in it. */
	readonly #runsIncomplete = new Set<string>();
	readonly #crons = new Map<string, CronSchedule | null>();
	#priority: string[] = [];
	#clustersForbidden = false;
	#loading: Promise<void> | undefined;
	/** The source list of the last read started: settles once it is in (or could not be read). */
	#sourcesRead: Promise<void> | undefined;
	/** The read under way (or the next) goes on to the clusters and schedules: some caller asked for everything. */
	#withSchedules = false;

	constructor(options: TenantOverviewOptions) {
		this.#options = options;
		this.tenant = options.tenant;
	}

	/**
	 * Reads everything not known yet (or older than an hour, for schedules); one read at a time. `runs`: the sources
	 * and their runs only, no clusters or schedules (the start picker's marks); a read of everything asked for while
	 * such a read is under way makes it go on to the schedules.
	 */
	async load(scope: 'all' | 'runs' = 'all'): Promise<void> {
		if (scope === 'all') {
			this.#withSchedules = true;
			this.complete = false;
		}

		this.#loading ??= this.#load().finally(() => {
			this.#loading = undefined;
		});
		return this.#loading;
	}

	/**
	 * The sources as the read under way has them (one is started if none is, as `load(scope)`): once its source list
	 * is in, before the runs; rejects when the list could not be read. The start picker (S) lists them.
	 */
	async loadSources(scope: 'all' | 'runs' = 'runs'): Promise<IscSource[]> {
		void this.load(scope).catch(() => undefined);
		await this.#sourcesRead;
		return this.sources;
	}

	/** Sources whose schedules are read before the others' (those on screen, the selected one first). */
	prioritize(sourceIds: readonly string[]): void {
		this.#priority = [...sourceIds];
	}

	/** The runs of a source seen, newest first. */
	runsOf(sourceId: string): SourceRunTask[] {
		return [...(this.#runs.get(sourceId)?.values() ?? [])].sort(
			(a, b) => Date.parse(b.launched ?? b.created ?? '') - Date.parse(a.launched ?? a.created ?? '') || 0,
		);
	}

	/** The lines as known now, those needing attention first. */
	overviews(): SourceOverview[] {
		const now = this.#options.now();
		return this.sources
			.map(source =>
				sourceOverview({
					source: {
						tenant: this.tenant,
						id: source.id,
						name: source.name,
						...((source.connectorName ?? source.type) ? {connector: source.connectorName ?? source.type} : {}),
						...(source.healthy === undefined ? {} : {healthy: source.healthy}),
						...(source.status === undefined ? {} : {health: source.status}),
						...(source.deleteThreshold === undefined ? {} : {deleteThreshold: source.deleteThreshold}),
						...(source.created === undefined ? {} : {created: source.created}),
					},
					runs: this.runsOf(source.id),
					runsComplete: !this.#runsIncomplete.has(source.id),
					schedule: this.#scheduleFacts(source),
					now,
					...(this.#options.stallAfterMs === undefined ? {} : {stallAfterMs: this.#options.stallAfterMs}),
				}),
			)
			.sort(compareOverviews);
	}

	#scheduleFacts(source: IscSource): ScheduleFacts | null | undefined {
		const read = this.#schedules.get(source.id);
		if (read === undefined) {
			return undefined;
		}

		if (read.expression === null) {
			return null;
		}

		const clusterOffset = source.cluster?.id === undefined ? undefined : this.#clusters.get(source.cluster.id);
		const offset = clusterOffset ?? 0;
		const key = `${offset} ${read.expression}`;
		let cron = this.#crons.get(key);
		if (cron === undefined) {
			cron = readCron(read.expression, offset) ?? null;
			this.#crons.set(key, cron);
		}

		return {
			expression: read.expression,
			...(cron === null ? {} : {cron}),
			zone: zoneName(offset),
			zoneKnown: clusterOffset !== undefined && clusterOffset !== null,
		};
	}

	#changed(): void {
		this.#options.onChange?.();
	}

	async #call<T>(request: () => Promise<T>): Promise<T> {
		this.requests++;
		return request();
	}

	async #load(): Promise<void> {
		try {
			this.#sourcesRead = this.#readSources();
			await this.#sourcesRead;
			await this.#readRuns();
		} catch (error) {
			this.error = IscError.from(error);
			this.complete = true;
			this.runsRead = true;
			this.#withSchedules = false;
			this.#changed();
			return;
		}

		this.error = undefined;
		this.runsRead = true;
		if (!this.#withSchedules) {
			this.#changed();
			return;
		}

		this.#withSchedules = false;
		await this.#readClusters();
		await this.#readSchedules();
		// A read of everything asked for meanwhile is answered by this one.
		this.#withSchedules = false;
		this.complete = true;
		this.#changed();
	}

	async #readSources(): Promise<void> {
		const sources: IscSource[] = [];
		for (let page = 0; page < MAX_SOURCE_PAGES; page++) {
			const items = await this.#call(async () => this.#options.client.listSources({limit: PAGE, offset: page * PAGE, sorters: 'name'}));
			sources.push(...items);
			this.sources = [...sources];
			this.#changed();
			if (items.length < PAGE) {
				break;
			}
		}
	}

	/**
	 * Running ones of the whole tenant (a run stuck for days is not among a chunk's newest), then each chunk's newest
	 * runs: a chunk's runs read now replace those read before, so a run that ended since is seen ended.
	 */
	async #readRuns(): Promise<void> {
		const {client} = this.#options;
		const running = new Map<string, TaskStatus[]>();
		for (let page = 0; page < MAX_SOURCE_PAGES; page++) {
			const tasks = await this.#call(async () =>
				client.listTaskStatus({filters: RUNNING_AGGREGATIONS_FILTER, sorters: '-created', limit: PAGE, offset: page * PAGE}),
			);
			for (const task of tasks) {
				const id = task.target?.id;
				if (id !== undefined) {
					running.set(id, [...(running.get(id) ?? []), task]);
				}
			}

			if (tasks.length < PAGE) {
				break;
			}
		}

		const chunkSize = this.#options.chunkSize ?? 50;
		const maxPages = this.#options.maxPagesPerChunk ?? 4;
		const ids = this.sources.map(source => source.id);
		for (let start = 0; start < ids.length; start += chunkSize) {
			const chunk = ids.slice(start, start + chunkSize);
			const lacking = new Set(chunk);
			const seen = new Map<string, TaskStatus[]>(chunk.map(id => [id, running.get(id) ?? []]));
			let exhausted = false;
			for (let page = 0; page < maxPages && lacking.size > 0; page++) {
				const tasks = await this.#call(async () =>
					client.listTaskStatus({filters: sourcesAggregationsFilter(chunk), sorters: '-created', limit: PAGE, offset: page * PAGE}),
				);
				for (const task of tasks) {
					const id = task.target?.id ?? '';
					seen.get(id)?.push(task);
					if (task.completionStatus !== null) {
						lacking.delete(id);
					}
				}

				if (tasks.length < PAGE) {
					exhausted = true;
					break;
				}
			}

			for (const [id, tasks] of seen) {
				this.#runs.set(id, new Map(tasks.map(task => [task.id, toRunTask(task)])));
				if (lacking.has(id) && exhausted === false) {
					this.#runsIncomplete.add(id);
				} else {
					this.#runsIncomplete.delete(id);
				}
			}

			this.#changed();
		}
	}

	async #readClusters(): Promise<void> {
		const ids = new Set(this.sources.flatMap(source => (source.cluster?.id === undefined ? [] : [source.cluster.id])));
		for (const id of ids) {
			if (this.#clusters.has(id) || this.#clustersForbidden) {
				continue;
			}

			try {
				const cluster = await this.#call(async () => this.#options.client.getManagedCluster(id));
				this.#clusters.set(id, gmtOffsetMinutes(cluster.gmtOffset) ?? null);
			} catch (error) {
				const iscError = IscError.from(error);
				if (iscError.kind === 'forbidden') {
					// Only ORG_ADMIN may read clusters: schedules are then shown in UTC, and say the zone is not known.
					this.#clustersForbidden = true;
				} else {
					this.#clusters.set(id, null);
					if (iscError.kind !== 'not-found') {
						this.#options.onWarning?.(
							`the zone of cluster ${id} could not be read (${iscError.message}); its sources' schedules are shown in UTC`,
						);
					}
				}
			}
		}

		this.#changed();
	}

	/** The next source whose schedule is due: asked-for ones first, then in list order. */
	#nextSchedule(taken: Set<string>): string | undefined {
		const now = this.#options.now();
		const ttl = this.#options.scheduleTtlMs ?? SCHEDULE_TTL_MS;
		const due = (id: string) => {
			if (taken.has(id)) {
				return false;
			}

			const read = this.#schedules.get(id);
			return read === undefined || now - read.readAt >= ttl;
		};

		const known = new Set(this.sources.map(source => source.id));
		return this.#priority.find(id => known.has(id) && due(id)) ?? this.sources.find(source => due(source.id))?.id;
	}

	async #readSchedules(): Promise<void> {
		const taken = new Set<string>();
		const worker = async (): Promise<void> => {
			for (let id = this.#nextSchedule(taken); id !== undefined; id = this.#nextSchedule(taken)) {
				taken.add(id);
				try {
					const schedules = await this.#call(async () => this.#options.client.listSourceSchedules(id));
					this.#schedules.set(id, {expression: aggregationSchedule(schedules), readAt: this.#options.now()});
					this.#scheduleFailed.delete(id);
				} catch (error) {
					const iscError = IscError.from(error);
					if (iscError.kind === 'not-found') {
						this.#schedules.set(id, {expression: null, readAt: this.#options.now()});
					} else {
						this.#scheduleFailed.add(id);
						this.#options.onWarning?.(`the schedule of source ${id} could not be read: ${iscError.message}`);
					}
				}

				this.#changed();
			}
		};

		await Promise.all(Array.from({length: this.#options.concurrency ?? 4}, async () => worker()));
	}
}
