import {compareOverviews, type SourceOverview} from '../../core/source-overview.js';
import type {IscSource} from '../../isc/source.js';
import type {SourcesGlance} from '../../ui/index.js';
import {TenantOverview, type OverviewClient} from '../source-overview-reader.js';
import {formatErrorLine} from '../status-format.js';

export interface SourcesGlanceOptions {
	tenants: readonly string[];
	/** A tenant's client whose every request waits its turn in the tenant's budget (and is counted there). */
	clientOf(tenant: string): Promise<OverviewClient>;
	now(): number;
}

/** A client that is only made when its first request goes out (opening the glance, not starting the monitor). */
function lazyClient(make: () => Promise<OverviewClient>): OverviewClient {
	return {
		listSources: async (query, options) => (await make()).listSources(query, options),
		listTaskStatus: async (query, options) => (await make()).listTaskStatus(query, options),
		listSourceSchedules: async (id, options) => (await make()).listSourceSchedules(id, options),
		getManagedCluster: async (id, options) => (await make()).getManagedCluster(id, options),
	};
}

/** The glance, and the source list of one tenant as its reader reads it (the start picker S lists sources from it). */
export interface MonitorGlance extends SourcesGlance {
	/** A tenant's sources, from the read under way or one started (of the runs, not the schedules); rejects when not read. */
	sources(tenant: string): Promise<IscSource[]>;
}

/**
 * The monitor's sources at a glance (O): one TenantOverview per tenant (the reader of `aggwatch sources`), read
 * only when the screen asks, every request within the tenant's budget, schedules kept an hour. The start picker (S)
 * reads its sources and their runs through it too, so S and O never read the same thing twice.
 */
export function createSourcesGlance({tenants, clientOf, now}: SourcesGlanceOptions): MonitorGlance {
	const listeners = new Set<() => void>();
	const changed = () => {
		for (const listener of listeners) {
			listener();
		}
	};

	const readers = tenants.map(
		tenant =>
			new TenantOverview({
				tenant,
				client: lazyClient(async () => clientOf(tenant)),
				now,
				onChange: changed,
			}),
	);
	const readerOf = (tenant: string) => readers.find(reader => reader.tenant === tenant);
	let started = false;

	return {
		overviews(): SourceOverview[] {
			return readers.flatMap(reader => reader.overviews()).sort(compareOverviews);
		},
		async sources(tenant) {
			const reader = readerOf(tenant);
			if (reader === undefined) {
				return [];
			}

			started = true;
			return reader.loadSources('runs');
		},
		runsOf(tenant, sourceId) {
			return readerOf(tenant)?.runsOf(sourceId) ?? [];
		},
		refresh(scope = 'all') {
			started = true;
			for (const reader of readers) {
				// A read under way is not started twice (TenantOverview.load); its failure is kept in reader.error.
				void reader.load(scope).catch(() => undefined);
			}

			changed();
		},
		prioritize(sources) {
			for (const reader of readers) {
				reader.prioritize(sources.filter(source => source.tenant === reader.tenant).map(source => source.id));
			}
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		status() {
			return {
				complete: started && readers.every(reader => reader.complete),
				runsRead: readers.every(reader => reader.runsRead),
				errors: readers.flatMap(reader =>
					reader.error === undefined
						? []
						: [`${tenants.length > 1 ? `${reader.tenant}: ` : ''}${formatErrorLine(undefined, reader.error)}`],
				),
			};
		},
	};
}
