import process from 'node:process';
import {pollOptions} from '../cli/poll-options.js';
import {openStore} from '../store/config.js';
import type {CommandContext} from './context.js';
import {ExitCode} from '../cli/exit-codes.js';

const HEX_ID = /^[\da-f]{32}$/i;

/**
 * `aggwatch [id...]`: the full-screen monitor. Everything that can fail with a plain message (no terminal, bad
 * flags, no tenant, an unusable store) happens here, before the screen is taken over and before Ink is loaded.
 */
export async function runMonitor(context: CommandContext, ids: string[]): Promise<number> {
	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		context.error('the monitor needs a terminal; in scripts and pipelines use "aggwatch wait <id...>" or "aggwatch status <id...>"');
		return ExitCode.usage;
	}

	const options = pollOptions(context.values);
	const demo = context.values.demo === true;
	const {store, warnings} = openStore({demo, onWarning: line => context.warn(line)});
	for (const warning of warnings) {
		context.warn(warning);
	}

	const {client, connection} = await context.connect();

	const now = context.now();
	const wanted = [...ids];
	if (demo) {
		// The simulated tenant starts afresh on every run, so its rows do too (in the demo's own store, never the real one).
		store.removeTracked(store.listTracked());
		const {demoTrackedIds} = await import('../simulator/demo-scenario.js');
		wanted.push(...demoTrackedIds());
	}

	for (const id of ids) {
		if (!HEX_ID.test(id)) {
			context.warn(`"${id}" is not a 32-character hexadecimal id; tracking it anyway`);
		}
	}

	if (wanted.length > 0) {
		store.addTracked(wanted.map(id => ({id, tenant: connection.tenant, addedAt: now})));
	}

	const color = context.values['no-color'] !== true && !('NO_COLOR' in context.env && context.env['NO_COLOR'] !== '');
	const {runMonitorScreen} = await import('../ui/run-monitor.js');
	await runMonitorScreen({
		store,
		tenant: connection.tenant,
		tenantLabel: demo ? 'demo (simulated tenant)' : connection.tenant,
		fetchStatus: row => client.getAggregationStatus(row.id, {retries: 0}),
		options,
		color,
		ascii: context.values.ascii === true,
	});
	store.close();
	return ExitCode.ok;
}
