import {safeText} from '../domain/status.js';
import {asArray, asObject, compact, optionalBoolean, optionalDateTime, optionalString, requiredString} from './json-fields.js';

/** The part of the v2025 `Source` aggwatch uses (names for rows, connector type for the discover list). */
export interface IscSource {
	id: string;
	name: string;
	description?: string;
	/** Connector type, e.g. "Active Directory - Direct". */
	type?: string;
	connector?: string;
	connectorName?: string;
	connectionType?: string;
	status?: string;
	healthy?: boolean;
	authoritative?: boolean;
	/** Percentage (0 to 100) of the source's accounts above which ISC skips an aggregation's delete phase. */
	deleteThreshold?: number;
	/** The virtual appliance cluster the source runs on (its schedules run in the cluster's zone); null for none. */
	cluster?: {id: string; name?: string} | null;
	/** ISO: when the source was created. */
	created?: string;
}

const WHAT = 'source';

/**
 * deleteThreshold as a number from 0 to 100: a number or a numeric string is taken; anything else (absent, null,
 * out of range, not a number) reads as unknown rather than failing the whole source, since it is only advice.
 */
function deleteThresholdOf(source: Record<string, unknown>): number | undefined {
	const value = source['deleteThreshold'];
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
	return Number.isFinite(number) && number >= 0 && number <= 100 ? number : undefined;
}

/** The `cluster` reference: read leniently (only advice for the schedule's zone), so an odd one reads as unknown. */
function clusterOf(source: Record<string, unknown>): IscSource['cluster'] {
	const value = source['cluster'];
	if (value === null) {
		return null;
	}

	if (typeof value !== 'object' || Array.isArray(value) || value === undefined) {
		return undefined;
	}

	const {id, name} = value as Record<string, unknown>;
	if (typeof id !== 'string' || id === '') {
		return undefined;
	}

	return typeof name === 'string' ? {id, name: safeText(name)} : {id};
}

/** Validates one Source. Throws a bad-response IscError naming the field. Extra fields are ignored. */
export function parseSource(body: unknown): IscSource {
	const source = asObject(body, WHAT);
	return compact({
		id: requiredString(source, 'id', WHAT),
		name: safeText(requiredString(source, 'name', WHAT)),
		description: optionalString(source, 'description', WHAT),
		type: optionalString(source, 'type', WHAT),
		connector: optionalString(source, 'connector', WHAT),
		connectorName: optionalString(source, 'connectorName', WHAT),
		connectionType: optionalString(source, 'connectionType', WHAT),
		status: optionalString(source, 'status', WHAT),
		healthy: optionalBoolean(source, 'healthy', WHAT),
		authoritative: optionalBoolean(source, 'authoritative', WHAT),
		deleteThreshold: deleteThresholdOf(source),
		cluster: clusterOf(source),
		created: optionalDateTime(source, 'created'),
	});
}

export function parseSourceList(body: unknown): IscSource[] {
	return asArray(body, 'source list').map(item => parseSource(item));
}
