import {stringOption} from './options.js';
import {tenantLabel} from './connection.js';
import {ExitCode} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import type {RowRef, StoredRow} from '../store/config.js';
import type {CliContext} from './context.js';
import {isHexId} from '../domain/guards.js';
import {spelledPlural} from '../domain/text.js';

const NO_TARGET = 'no tenant for these ids: pass --tenant NAME, set SAIL_BASE_URL, or pick a default with "aggwatch tenant use NAME"';

function uniqueIds(ids: string[], command: 'track' | 'untrack'): string[] {
	const unique = [...new Set(ids)];
	if (unique.length === 0) {
		throw new UsageError(
			`${command} needs at least one aggregation id, e.g. aggwatch ${command} 2c91808477a6b0c60177a81146b8110b`,
			command,
		);
	}

	return unique;
}

/**
 * `aggwatch track <id...> [--tenant NAME]`: adds rows to the store the monitor shows (a running monitor picks them
 * up within a moment). Needs no credentials: it only names the tenant, chosen as for every command.
 */
export async function runTrack(context: CliContext, ids: string[]): Promise<number> {
	const unique = uniqueIds(ids, 'track');
	const choice = context.chooseTenant();
	if (choice === undefined) {
		throw new UsageError(NO_TARGET, 'track');
	}

	for (const id of unique) {
		if (!isHexId(id)) {
			context.warn(`"${id}" is not a 32-character hexadecimal id; tracking it anyway`);
		}
	}

	const store = context.openStore();
	const now = context.now();
	const {added, existing} = store.addTracked(unique.map((id): StoredRow => ({id, tenant: choice.name, addedAt: now})));
	if (added.length > 0) {
		context.out(`Tracking ${spelledPlural(added.length, 'aggregation')} on ${choice.name}: ${added.map(row => row.id).join(', ')}`);
	}

	if (existing.length > 0) {
		context.out(`Already tracked on ${choice.name}: ${existing.map(row => row.id).join(', ')}`);
	}

	return ExitCode.ok;
}

/**
 * `aggwatch untrack <id...> [--tenant NAME]`: removes rows. With --tenant (or --base-url) only that tenant's;
 * without, the id on whichever tenant tracks it. Ids that are not tracked are named on standard error; it is not
 * an error (running it twice is harmless), so the exit code is 0.
 */
export async function runUntrack(context: CliContext, ids: string[]): Promise<number> {
	const unique = uniqueIds(ids, 'untrack');
	const baseUrl = stringOption(context.values, 'base-url');
	const tenant =
		context.values.demo === true
			? 'demo'
			: (stringOption(context.values, 'tenant') ?? (baseUrl === undefined ? undefined : tenantLabel(baseUrl)));
	const store = context.openStore();
	const wanted = new Set(unique);
	const refs: RowRef[] = store
		.listTracked()
		.filter(row => wanted.has(row.id) && (tenant === undefined || row.tenant === tenant))
		.map(row => ({tenant: row.tenant, id: row.id}));
	const removed = refs.length > 0 ? store.removeTracked(refs) : [];
	for (const row of removed) {
		context.out(`Untracked ${row.id} (${row.tenant})`);
	}

	const gone = new Set(removed.map(row => row.id));
	const missing = unique.filter(id => !gone.has(id));
	if (missing.length > 0) {
		context.warn(`not tracked${tenant === undefined ? '' : ` on ${tenant}`}: ${missing.join(', ')}`);
	}

	return ExitCode.ok;
}
