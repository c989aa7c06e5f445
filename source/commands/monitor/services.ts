import type {FetchOptions} from '../../core/poller.js';
import type {TrackedRow} from '../../core/types.js';
import {IscError} from '../../domain/errors.js';
import {SourceNames} from '../../isc/source-names.js';
import type {AggregationStatus} from '../../domain/status.js';
import type {DiscoveredAggregation, StartableSource, StartResult} from '../../ui/commands.js';
import {labelForAggregation} from '../aggregation-labels.js';
import {describeRunning, listAllRunning, startedAt} from '../running-aggregations.js';
import {startOrFindRunning} from '../start-aggregation.js';
import {mayHaveStarted} from '../start-outcome.js';
import {formatErrorLine} from '../status-format.js';
import {SourceThresholds} from '../source-thresholds.js';
import type {TenantClients} from '../tenant-clients.js';

/** What the monitor screen asks of ISC, across tenants. Requests here never retry: the screen shows failures. */
export interface MonitorServices {
	/** The tenants with credentials, for D and S. */
	readonly tenants: readonly string[];
	fetchStatus(row: TrackedRow, options?: FetchOptions): Promise<AggregationStatus>;
	/** The aggregations running now on one tenant (for --discover). */
	runningOn(tenant: string): Promise<DiscoveredAggregation[]>;
	/** The aggregations running now on every tenant (D). Rejects only when every tenant failed. */
	discover(): Promise<DiscoveredAggregation[]>;
	/** Every source of every tenant (S). Rejects only when every tenant failed. */
	listSources(): Promise<StartableSource[]>;
	/** POST load-accounts, once, unless an aggregation of the source is running (then that one). A lost answer says so rather than guessing. */
	startAggregation(source: StartableSource): Promise<StartResult>;
	/** Source names of these aggregations of one tenant, as far as the tenant knows them. */
	labels(tenant: string, ids: readonly string[]): Promise<Map<string, string>>;
	/** The deleteThreshold of an aggregation's source; each source is read once per monitor session. */
	deleteThreshold(tenant: string, id: string): Promise<number | undefined>;
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

export function createMonitorServices(clients: TenantClients, tenants: readonly string[]): MonitorServices {
	const names = new Map<string, SourceNames>();
	const namesOf = async (tenant: string): Promise<SourceNames> => {
		let cache = names.get(tenant);
		if (cache === undefined) {
			cache = new SourceNames(await clients.client(tenant), CALL);
			names.set(tenant, cache);
		}

		return cache;
	};

	const thresholds = new Map<string, SourceThresholds>();
	const thresholdsOf = async (tenant: string): Promise<SourceThresholds> => {
		let cache = thresholds.get(tenant);
		if (cache === undefined) {
			cache = new SourceThresholds(await clients.client(tenant), CALL);
			thresholds.set(tenant, cache);
		}

		return cache;
	};

	const runningOn = async (tenant: string): Promise<DiscoveredAggregation[]> => {
		const client = await clients.client(tenant);
		const running = await describeRunning(await listAllRunning(client, CALL), await namesOf(tenant));
		return running.map(entry => ({
			id: entry.id,
			tenant,
			...(entry.started === undefined ? {} : {started: entry.started}),
			...(entry.sourceName === undefined ? {} : {sourceName: entry.sourceName}),
			...(entry.progress === undefined ? {} : {progress: entry.progress}),
		}));
	};

	return {
		tenants,
		fetchStatus: async (row, options) => clients.fetchStatus(row, options),
		runningOn,
		discover: async () => acrossTenants(tenants, runningOn),
		listSources: async () =>
			acrossTenants(tenants, async tenant => {
				const sources = await (await clients.client(tenant)).listSources({}, CALL);
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
				const attempt = await startOrFindRunning(await clients.client(source.tenant), source.id, {call: CALL});
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
			return labelForAggregation(await clients.client(tenant), ids, {
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
	};
}
