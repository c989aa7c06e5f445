import {safeText} from '../domain/status.js';
import {asArray, asObject, compact, optionalBoolean, optionalString, requiredString} from './json-fields.js';

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
}

const WHAT = 'source';

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
	});
}

export function parseSourceList(body: unknown): IscSource[] {
	return asArray(body, 'source list').map(item => parseSource(item));
}
