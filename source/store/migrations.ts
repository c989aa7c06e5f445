import type Conf from 'conf';
import {DEFAULT_PREFS, SCHEMA_VERSION, SORT_KEYS, type Prefs, type StoreData, type StoredRow, type TenantRecord} from './schema.js';
import {isRecord} from '../domain/guards.js';

/**
 * conf's `projectVersion`: the schema version as semver. It is deliberately not the app version, so an app
 * release without a shape change runs no migration. conf records it in the file under `__internal__`.
 */
export const PROJECT_VERSION = `${SCHEMA_VERSION}.0.0`;

/** Thrown by a migration that cannot make sense of the file; the file is then set aside like an invalid one. */
export class MigrationError extends Error {
	override readonly name = 'MigrationError';
}

/** The keys of the v0 shape, dropped by the migration to v1. */
const V0_KEYS = ['aggregations', 'tenant', 'baseUrl', 'sort', 'detail'];

/**
 * v0 (the prototype, before `schemaVersion`) watched one tenant and kept bare ids:
 * `{tenant?: string, baseUrl?: string, aggregations?: string[], sort?: string, detail?: boolean}`.
 * v1 keeps rows per tenant, prefs, and saved tenants. An empty object (a new file) becomes an empty v1 store.
 * A file that already has schemaVersion 1 is returned unchanged.
 */
export function migrateToV1(data: Record<string, unknown>, now: number): Record<string, unknown> {
	if (data['schemaVersion'] === SCHEMA_VERSION) {
		return data;
	}

	if (data['schemaVersion'] !== undefined) {
		throw new MigrationError(`unexpected schemaVersion ${JSON.stringify(data['schemaVersion'])}`);
	}

	const ids = data['aggregations'] ?? [];
	if (!Array.isArray(ids) || !ids.every(id => typeof id === 'string' && id.trim() !== '')) {
		throw new MigrationError('"aggregations" is not a list of aggregation ids');
	}

	const tenant = data['tenant'];
	if (tenant !== undefined && (typeof tenant !== 'string' || tenant.trim() === '')) {
		throw new MigrationError('"tenant" is not a tenant name');
	}

	if (ids.length > 0 && tenant === undefined) {
		throw new MigrationError('"aggregations" has ids but there is no "tenant" they belong to');
	}

	const tracked: StoredRow[] = [];
	if (tenant !== undefined) {
		for (const id of new Set(ids as string[])) {
			tracked.push({id: id.trim(), tenant, addedAt: now});
		}
	}

	const tenants: Record<string, TenantRecord> = {};
	if (tenant !== undefined) {
		const baseUrl = data['baseUrl'];
		tenants[tenant] = {
			baseUrl: typeof baseUrl === 'string' && baseUrl !== '' ? baseUrl : `https://${tenant}.api.identitynow.com`,
		};
	}

	const prefs: Prefs = {...DEFAULT_PREFS};
	const sort = data['sort'];
	if ((SORT_KEYS as readonly unknown[]).includes(sort)) {
		prefs.sort = sort as Prefs['sort'];
	}

	if (typeof data['detail'] === 'boolean') {
		prefs.detail = data['detail'];
	}

	const rest = Object.fromEntries(Object.entries(data).filter(([key]) => !V0_KEYS.includes(key)));
	const migrated: Record<string, unknown> = {...rest, schemaVersion: SCHEMA_VERSION, tracked, prefs, tenants};
	if (tenant !== undefined) {
		migrated['defaultTenant'] = tenant;
	}

	return migrated;
}

/** conf's `migrations` option, keyed by `PROJECT_VERSION`-style versions. */
export function storeMigrations(now: () => number): Record<string, (store: Conf<StoreData>) => void> {
	return {
		'1.0.0'(store) {
			const current: unknown = store.store;
			if (!isRecord(current)) {
				throw new MigrationError('the file is not a JSON object');
			}

			store.store = migrateToV1(current, now()) as StoreData;
		},
	};
}
