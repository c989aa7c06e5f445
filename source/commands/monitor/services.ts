import {createBudgetGate} from '../../core/budget-gate.js';
import type {FetchOptions, PollerClock} from '../../core/poller.js';
import type {MonitorEvent, MonitorState, TrackedRow} from '../../core/types.js';
import type {TaskOutcome} from '../../domain/outcome.js';
import type {HistoryEntry} from '../../history/entry.js';
import {describeEnded, listEnded} from '../ended-aggregations.js';
import {IscError} from '../../domain/errors.js';
import {SourceNames} from '../../isc/source-names.js';
import type {AggregationStatus} from '../../domain/status.js';
import type {DiscoveredAggregation, SourcePageTarget, SourcesGlance, StartableSource, StartResult} from '../../ui/index.js';
import {sourcePagePath, webUiOrigin} from '../../isc/web-ui.js';
import {labelForAggregation} from '../aggregation-labels.js';
import {describeRunning, listAllRunning, startedAt} from '../running-aggregations.js';
import {startOrFindRunning} from '../start-aggregation.js';
import {mayHaveStarted} from '../start-outcome.js';
import {formatErrorLine} from '../status-format.js';
import {gatedClient, type ServiceClient} from '../gated-client.js';
import {SourceThresholds} from '../source-thresholds.js';
import type {TenantClients} from '../tenant-clients.js';
import {createSourcesGlance} from './sources-glance.js';

/** What the monitor screen asks of ISC, across tenants. Requests here never retry: the screen shows failures. */
export interface MonitorServices {
	/** The tenants with credentials, for D and S. */
	readonly tenants: readonly string[];
	fetchStatus(row: TrackedRow, options?: FetchOptions): Promise<AggregationStatus>;
	/** One task read for a row's outcome; like fetchStatus, counted by the poller. */
	fetchTask(row: TrackedRow, options?: FetchOptions): Promise<TaskOutcome>;
	/**
	 * The monitor state whose per-tenant budget every other request here waits for and is recorded in (`sent`), so
	 * discovery, names, source lists and starts never push a tenant past its limit. Call once the state exists.
	 */
	attachBudget(getState: () => MonitorState, dispatch: (event: MonitorEvent) => void): void;
	/** Stops the budget gate's timers. */
	close(): void;
	/**
	 * Account aggregations that ended on every tenant within `windowMs` (as `discover --ended`), as history entries
	 * marked foundOnTenant, for the history view. Rejects only when every tenant failed.
	 */
	endedOnTenants(windowMs: number): Promise<HistoryEntry[]>;
	/** The aggregations running now on one tenant (for --discover). */
	runningOn(tenant: string): Promise<DiscoveredAggregation[]>;
	/** The aggregations running now on every tenant (D). Rejects only when every tenant failed. */
	discover(): Promise<DiscoveredAggregation[]>;
	/**
	 * Every source of every tenant (S), as the glance's readers list them: the same read goes on to their runs (not
	 * their schedules), which S marks its entries with. Rejects only when every tenant failed.
	 */
	listSources(): Promise<StartableSource[]>;
	/** POST load-accounts, once, unless an aggregation of the source is running (then that one). A lost answer says so rather than guessing. */
	startAggregation(source: StartableSource): Promise<StartResult>;
	/** Source names of these aggregations of one tenant, as far as the tenant knows them. */
	labels(tenant: string, ids: readonly string[]): Promise<Map<string, string>>;
	/** The deleteThreshold of an aggregation's source; each source is read once per monitor session. */
	deleteThreshold(tenant: string, id: string): Promise<number | undefined>;
	/** Every tenant's sources at a glance (O), read within each tenant's budget when the screen asks. */
	readonly glance: SourcesGlance;
	/**
	 * The address of a source's page in the tenant's ISC web UI (o), by the source's id or by one of its aggregations
	 * (whose task names the source: known from the name lookup, else one task-status read within the budget); or why
	 * it cannot be told, with the page's path when only the UI's host is unknown.
	 */
	sourcePage(target: SourcePageTarget): Promise<{url: string} | {why: string; path?: string}>;
}

const CALL = {retries: 0};

/** Settles every tenant's answer; throws the first error only when none succeeded. */
async function acrossTenants<T>(tenants: readonly string[], each: (tenant: string) => Promise<T[]>): Promise<T[]> {
	const results = await Promise.allSettled(tenants.map(async tenant => each(tenant)));
	const fulfilled = results.filter((result): result is PromiseFulfilledResult<T[]> => result.status === 'fulfilled');
	if (fulfilled.length === 0 && results.length > 0) {
		throw (results[0] as PromiseRejectedResult).reason;
	}

	return fulfilled.flatMap(result => result.value);
}

/** Wall-clock time and the global timers, for the budget gate. */
const SYSTEM_CLOCK: PollerClock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout(handle) {
		clearTimeout(handle as ReturnType<typeof setTimeout>);
	},
};

export function createMonitorServices(
	clients: TenantClients,
	tenants: readonly string[],
	clock: PollerClock = SYSTEM_CLOCK,
): MonitorServices {
	const gate = createBudgetGate(clock);
	/** A tenant's client whose every request waits for a slot in the tenant's budget. */
	const budgeted = async (tenant: string): Promise<ServiceClient> =>
		gatedClient(await clients.client(tenant), async () => gate.acquire(tenant));
	const names = new Map<string, SourceNames>();
	const namesOf = async (tenant: string): Promise<SourceNames> => {
		let cache = names.get(tenant);
		if (cache === undefined) {
			cache = new SourceNames(await budgeted(tenant), CALL);
			names.set(tenant, cache);
		}

		return cache;
	};

	const thresholds = new Map<string, SourceThresholds>();
	const thresholdsOf = async (tenant: string): Promise<SourceThresholds> => {
		let cache = thresholds.get(tenant);
		if (cache === undefined) {
			cache = new SourceThresholds(await budgeted(tenant), CALL);
			thresholds.set(tenant, cache);
		}

		return cache;
	};

	const runningOn = async (tenant: string): Promise<DiscoveredAggregation[]> => {
		const client = await budgeted(tenant);
		const running = await describeRunning(await listAllRunning(client, CALL), await namesOf(tenant));
		return running.map(entry => ({
			id: entry.id,
			tenant,
			...(entry.started === undefined ? {} : {started: entry.started}),
			...(entry.sourceName === undefined ? {} : {sourceName: entry.sourceName}),
			...(entry.progress === undefined ? {} : {progress: entry.progress}),
		}));
	};

	const glance = createSourcesGlance({tenants, clientOf: budgeted, now: () => clock.now()});
	return {
		tenants,
		glance,
		fetchStatus: async (row, options) => clients.fetchStatus(row, options),
		fetchTask: async (row, options) => clients.fetchTask(row, options),
		attachBudget(getState, dispatch) {
			gate.attach(getState, dispatch);
		},
		close() {
			gate.close();
		},
		endedOnTenants: async windowMs =>
			acrossTenants(tenants, async tenant => {
				const now = clock.now();
				const ended = await describeEnded(
					await listEnded(await budgeted(tenant), {since: now - windowMs, call: CALL}),
					await namesOf(tenant),
				);
				const recordedAt = new Date(now).toISOString();
				return ended.map((run): HistoryEntry => ({
					tenant,
					id: run.id,
					...(run.sourceName === undefined ? {} : {source: run.sourceName}),
					status: run.task.completionStatus ?? 'UNKNOWN',
					...(run.started === undefined ? {} : {start: run.started}),
					end: run.completed ?? recordedAt,
					...(run.durationMs === undefined ? {} : {durationMs: run.durationMs}),
					counts: {},
					recordedAt,
					foundOnTenant: true,
					...(run.started !== undefined && run.completed !== undefined ? {timesFromTask: true as const} : {}),
				}));
			}),
		runningOn,
		discover: async () => acrossTenants(tenants, runningOn),
		listSources: async () =>
			acrossTenants(tenants, async tenant => {
				const sources = await glance.sources(tenant);
				return sources.map(source => ({
					id: source.id,
					name: source.name,
					tenant,
					...(source.type === undefined ? {} : {type: source.type}),
					...(source.connector === undefined ? {} : {connector: source.connector}),
					...(source.connectorName === undefined ? {} : {connectorName: source.connectorName}),
				}));
			}),
		async startAggregation(source) {
			try {
				const attempt = await startOrFindRunning(await budgeted(source.tenant), source.id, {call: CALL});
				if (attempt.kind === 'started') {
					return {id: attempt.id};
				}

				const since = startedAt(attempt.task);
				return {id: attempt.task.id, alreadyRunning: since === undefined ? {} : {since}};
			} catch (thrown) {
				const error = IscError.from(thrown);
				const line = formatErrorLine(undefined, error);
				return {
					error: mayHaveStarted(error)
						? `${line}. The request may or may not have started an aggregation: press D to look for it.`
						: `${line}. Nothing was started.`,
				};
			}
		},
		async labels(tenant, ids) {
			const sources = await thresholdsOf(tenant);
			return labelForAggregation(await budgeted(tenant), ids, {
				names: await namesOf(tenant),
				retries: 0,
				onSourceId(id, sourceId) {
					sources.rememberSource(id, sourceId);
				},
			});
		},
		async deleteThreshold(tenant, id) {
			return (await thresholdsOf(tenant)).forAggregation(id);
		},
		async sourcePage(target) {
			try {
				const {baseUrl} = await clients.client(target.tenant);
				const sourceId =
					target.sourceId ??
					(target.aggregationId === undefined ? undefined : await (await thresholdsOf(target.tenant)).sourceOf(target.aggregationId));
				if (sourceId === undefined) {
					return {why: `${target.tenant} does not say which source this aggregation belongs to (its task names none)`};
				}

				const origin = webUiOrigin(baseUrl);
				const path = sourcePagePath(sourceId);
				return origin === undefined
					? {why: `the web UI address of ${target.tenant} cannot be told from its API address (${baseUrl})`, path}
					: {url: `${origin}${path}`};
			} catch (thrown) {
				return {why: formatErrorLine(undefined, IscError.from(thrown))};
			}
		},
	};
}
