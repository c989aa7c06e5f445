import type {CallOptions, IscClient} from '../isc/client.js';
import type {SourceNames} from '../isc/source-names.js';
import type {TaskStatus} from '../isc/task-status.js';

/** An account aggregation running now, as discover shows it and the monitor adds it. */
export interface RunningAggregation {
	/** The aggregation id (the task id): what status, wait and the monitor take. */
	id: string;
	/** The source's name, when known. */
	sourceName?: string;
	sourceId?: string;
	/** When it started (ISO date-time): the task's `launched`, else its `created`; absent when the tenant sent neither readably. */
	started?: string;
	/** The task's progress text, e.g. "Processed 120 of 1000 accounts". */
	progress?: string;
}

export interface ListRunningOptions {
	/** Page size, 1 to 250. Default 250 (the API's largest). */
	pageSize?: number;
	/** Stop after this many pages even if the last was full (a guard against a tenant that ignores offset). Default 200. */
	maxPages?: number;
	retries?: number;
	signal?: AbortSignal;
}

export const DEFAULT_PAGE_SIZE = 250;
const DEFAULT_MAX_PAGES = 200;

/** When a task started: its `launched`, else its `created` (ISO), if the tenant sent either readably. */
export function startedAt(task: TaskStatus): string | undefined {
	return task.launched ?? task.created;
}

/** Newest first; tasks without a readable date last. */
function newestFirst(a: TaskStatus, b: TaskStatus): number {
	const at = (task: TaskStatus) => {
		const started = startedAt(task);
		return started === undefined ? Number.NEGATIVE_INFINITY : Date.parse(started);
	};

	const [left, right] = [at(a), at(b)];
	return left === right ? 0 : right > left ? 1 : -1;
}

/** Filters that select the running account aggregations of one source. */
export function runningOfSourceFilter(sourceId: string): string {
	return `sourceId eq ${JSON.stringify(sourceId)} and type eq "CLOUD_ACCOUNT_AGGREGATION" and completionStatus isnull`;
}

/**
 * The running account aggregation of a source, newest if several, or undefined: one GET /v2025/task-status with
 * `sourceId eq "…" and type eq "CLOUD_ACCOUNT_AGGREGATION" and completionStatus isnull`.
 */
export async function findRunningOfSource(
	client: Pick<IscClient, 'listTaskStatus'>,
	sourceId: string,
	options: CallOptions = {},
): Promise<TaskStatus | undefined> {
	const tasks = await client.listTaskStatus({filters: runningOfSourceFilter(sourceId), sorters: '-created', limit: 10, offset: 0}, options);
	// Kept to the asked source and still running, whatever the tenant did with the filter.
	const running = tasks.filter(task => task.completionStatus === null && (task.target?.id === undefined || task.target.id === sourceId));
	return running.sort(newestFirst)[0];
}

/**
 * Every running account aggregation, newest first: GET /v2025/task-status page by page (offset += limit) until a
 * page comes back short. An aggregation seen on two pages (one started meanwhile and shifted the pages) is kept once.
 */
export async function listAllRunning(
	client: Pick<IscClient, 'listRunningAggregations'>,
	options: ListRunningOptions = {},
): Promise<TaskStatus[]> {
	const limit = Math.min(DEFAULT_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)));
	const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
	const call: CallOptions = {
		...(options.retries === undefined ? {} : {retries: options.retries}),
		...(options.signal === undefined ? {} : {signal: options.signal}),
	};
	const byId = new Map<string, TaskStatus>();
	for (let page = 0; page < maxPages; page++) {
		const tasks = await client.listRunningAggregations({limit, offset: page * limit}, call);
		let fresh = 0;
		for (const task of tasks) {
			if (!byId.has(task.id)) {
				byId.set(task.id, task);
				fresh++;
			}
		}

		// A short page is the last one; a full page of nothing new means the tenant ignores offset.
		if (tasks.length < limit || fresh === 0) {
			break;
		}
	}

	// The API sorts by -created already; sorting again keeps "newest first" true across pages.
	return [...byId.values()].sort(newestFirst);
}

/** Tasks as rows to show, with their source names (looked up, cached, where the task does not carry one). */
export async function describeRunning(
	tasks: readonly TaskStatus[],
	names: SourceNames,
	options: Pick<CallOptions, 'signal'> = {},
): Promise<RunningAggregation[]> {
	return Promise.all(
		tasks.map(async task => {
			const sourceName = await names.nameFor(task, options);
			const sourceId = task.target?.id;
			const started = startedAt(task);
			return {
				id: task.id,
				...(sourceName === undefined ? {} : {sourceName}),
				...(sourceId === undefined ? {} : {sourceId}),
				...(started === undefined ? {} : {started}),
				...(task.progress === undefined || task.progress === null ? {} : {progress: task.progress}),
			};
		}),
	);
}
