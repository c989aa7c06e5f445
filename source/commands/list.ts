import {stringOption} from './options.js';
import {ExitCode} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import {formatCount, formatDuration} from '../core/durations.js';
import {percent} from '../core/progress.js';
import type {StoredRow} from '../store/config.js';
import type {CliContext} from './context.js';
import {formatTable} from './table.js';

/** One row of `aggwatch list --json`. Times are ISO 8601; fields the store does not have are left out. */
export interface ListedRow {
	tenant: string;
	id: string;
	label?: string;
	/** The last status a monitor saw, as ISC gave it. */
	status?: string;
	/** waiting, running, ended, not-found or expired. */
	phase?: string;
	processedAccounts?: number;
	totalAccounts?: number;
	addedAt: string;
	/** When that status was received. */
	lastOkAt?: string;
	endedAt?: string;
}

function iso(ms: number | undefined): string | undefined {
	return ms === undefined ? undefined : new Date(ms).toISOString();
}

export function toListedRow(row: StoredRow): ListedRow {
	const listed: ListedRow = {tenant: row.tenant, id: row.id, addedAt: new Date(row.addedAt).toISOString()};
	const fields: Partial<ListedRow> = {
		label: row.label,
		status: row.snapshot?.status,
		phase: row.phase,
		processedAccounts: row.snapshot?.processedAccounts,
		totalAccounts: row.snapshot?.totalAccounts,
		lastOkAt: iso(row.lastOkAt),
		endedAt: iso(row.endedAt),
	};
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined) {
			(listed as unknown as Record<string, unknown>)[key] = value;
		}
	}

	return listed;
}

function statusCell(row: StoredRow): string {
	switch (row.phase) {
		case 'not-found': {
			return 'NOT FOUND';
		}

		case 'expired': {
			return `${row.snapshot?.status ?? '?'} (expired)`;
		}

		default: {
			return row.snapshot?.status ?? 'not polled yet';
		}
	}
}

function progressCell(row: StoredRow): string {
	const snapshot = row.snapshot;
	if (snapshot?.processedAccounts === undefined && snapshot?.totalAccounts === undefined) {
		return '';
	}

	const value = percent(snapshot);
	return `${formatCount(snapshot.processedAccounts ?? 0)}/${snapshot.totalAccounts === undefined ? '?' : formatCount(snapshot.totalAccounts)}${value === undefined ? '' : ` (${value.toFixed(1)}%)`}`;
}

/**
 * `aggwatch list [--json] [--tenant NAME]`: the tracked rows as the store has them, with the last status a monitor
 * saw. It sends no requests; `aggwatch status` asks ISC.
 */
export async function runList(context: CliContext, positionals: string[]): Promise<number> {
	if (positionals.length > 0) {
		throw new UsageError(`list takes no arguments (got "${positionals[0]}"); use --tenant NAME to show one tenant`, 'list');
	}

	const tenant = stringOption(context.values, 'tenant');
	const rows = context
		.openStore()
		.listTracked()
		.filter(row => tenant === undefined || row.tenant === tenant);

	if (context.values.json === true) {
		for (const row of rows) {
			context.out(JSON.stringify(toListedRow(row)));
		}
		return ExitCode.ok;
	}

	if (rows.length === 0) {
		context.out(
			tenant === undefined ? 'Nothing is tracked. Add aggregations with "aggwatch track <id...>".' : `Nothing is tracked on ${tenant}.`,
		);
		return ExitCode.ok;
	}

	const now = context.now();
	const lines = formatTable(
		['TENANT', 'ID', 'NAME', 'STATUS', 'ACCOUNTS', 'AS OF'],
		rows.map(row => [
			row.tenant,
			row.id,
			row.label ?? '',
			statusCell(row),
			progressCell(row),
			row.lastOkAt === undefined ? '' : `${formatDuration(Math.max(0, now - row.lastOkAt))} ago`,
		]),
	);
	for (const line of lines) {
		context.out(line);
	}

	return ExitCode.ok;
}
