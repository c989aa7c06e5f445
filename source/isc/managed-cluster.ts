import {safeText} from '../domain/status.js';
import {asObject, compact, optionalString, requiredString} from './json-fields.js';

/** The part of a `ManagedCluster` (a virtual appliance cluster) aggwatch uses: the time zone its schedules run in. */
export interface ManagedCluster {
	id: string;
	name?: string;
	/**
	 * `configuration.gmtOffset`, e.g. "-5": the cluster's offset from GMT in hours. ISC runs a source's aggregation
	 * schedule in its cluster's zone, which never observes daylight saving time (SailPoint's "Time Zones" page).
	 */
	gmtOffset?: string;
}

const WHAT = 'managed cluster';

export function parseManagedCluster(body: unknown): ManagedCluster {
	const cluster = asObject(body, WHAT);
	const configuration = cluster['configuration'];
	const offset =
		configuration !== null && typeof configuration === 'object' && !Array.isArray(configuration)
			? (configuration as Record<string, unknown>)['gmtOffset']
			: undefined;
	const name = optionalString(cluster, 'name', WHAT);
	return compact({
		id: requiredString(cluster, 'id', WHAT),
		name: name === undefined ? undefined : safeText(name),
		gmtOffset: typeof offset === 'string' || typeof offset === 'number' ? String(offset) : undefined,
	});
}
