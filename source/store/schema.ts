import type {Schema} from 'conf';
import type {AggregationStatus} from '../isc/status.js';
import type {RowPhase} from '../core/types.js';

/** The shape version this build writes. Bump it together with a new entry in `migrations.ts`. */
export const SCHEMA_VERSION = 1;

export const SORT_KEYS = ['added', 'status', 'progress', 'start'] as const;

export type SortKey = (typeof SORT_KEYS)[number];

export const ROW_PHASES: readonly RowPhase[] = ['waiting', 'running', 'ended', 'not-found', 'expired'];

export interface Prefs {
	sort: SortKey;
	/** The detail pane is open. */
	detail: boolean;
}

export const DEFAULT_PREFS: Prefs = {sort: 'added', detail: false};

/**
 * A saved tenant. Never holds a secret: secrets live in the secrets store, keyed by the tenant name.
 * The secrets work may add non-secret fields (e.g. where the secret is kept).
 */
export interface TenantRecord {
	baseUrl: string;
	clientId?: string;
	apiVersion?: string;
}

/** Identifies a tracked row: the same aggregation id can exist on two tenants. */
export interface RowRef {
	tenant: string;
	id: string;
}

/** A tracked aggregation as it is kept on disk: enough to show it again, with its last known state, after a restart. */
export interface StoredRow {
	id: string;
	/** The tenant's short name (a key of `tenants` when it is a saved tenant). */
	tenant: string;
	/** When the user added it (epoch ms). */
	addedAt: number;
	label?: string;
	/** The last good status body. */
	snapshot?: AggregationStatus;
	/** When `snapshot` was received (epoch ms). */
	lastOkAt?: number;
	phase?: RowPhase;
	endedAt?: number;
}

/** The whole main file. Fields this build does not know are kept as they are. */
export type StoreData = {
	schemaVersion: typeof SCHEMA_VERSION;
	tracked: StoredRow[];
	prefs: Prefs;
	tenants: Record<string, TenantRecord>;
	defaultTenant?: string;
};

const count = {type: 'integer', minimum: 0} as const;
const time = {type: 'number'} as const;
const nonEmpty = {type: 'string', minLength: 1} as const;

const snapshotSchema = {
	type: 'object',
	properties: {
		start: {anyOf: [{type: 'string'}, {type: 'null'}]},
		status: {type: 'string'},
		totalAccounts: count,
		processedAccounts: count,
		totalAccountsMarkedForDeletion: count,
		deletedAccounts: count,
		totalIdentities: count,
		processedIdentities: count,
	},
} as const;

const rowSchema = {
	type: 'object',
	required: ['id', 'tenant', 'addedAt'],
	properties: {
		id: nonEmpty,
		tenant: nonEmpty,
		addedAt: time,
		label: {type: 'string'},
		snapshot: snapshotSchema,
		lastOkAt: time,
		phase: {enum: [...ROW_PHASES]},
		endedAt: time,
	},
} as const;

const tenantSchema = {
	type: 'object',
	required: ['baseUrl'],
	properties: {
		baseUrl: nonEmpty,
		clientId: {type: 'string'},
		apiVersion: {type: 'string'},
	},
} as const;

/** conf's `schema` option: the JSON Schema of each top-level property. Extra properties are allowed everywhere. */
export const STORE_SCHEMA: Schema<StoreData> = {
	schemaVersion: {const: SCHEMA_VERSION},
	tracked: {type: 'array', items: rowSchema},
	prefs: {
		type: 'object',
		required: ['sort', 'detail'],
		properties: {sort: {enum: [...SORT_KEYS]}, detail: {type: 'boolean'}},
	},
	tenants: {type: 'object', additionalProperties: tenantSchema},
	defaultTenant: nonEmpty,
};

/** conf's `rootSchema` option. */
export const STORE_ROOT_SCHEMA = {required: ['schemaVersion', 'tracked', 'prefs', 'tenants']};

export function emptyStoreData(): StoreData {
	return {schemaVersion: SCHEMA_VERSION, tracked: [], prefs: {...DEFAULT_PREFS}, tenants: {}};
}
