import process from 'node:process';
import {stringOption} from '../options.js';
import {apiVersionOf, noCredentialsError, savedConnection, type Connection} from '../connection.js';
import {pollOptions, stallAfterMs} from '../poll-options.js';
import type {CliContext} from '../context.js';
import {ExitCode} from '../../domain/exit-codes.js';
import {checkProxyEnvironment} from '../../isc/proxy.js';
import {TenantClients} from '../tenant-clients.js';
import {createMonitorServices} from './services.js';
import {openCommandHistory} from '../command-history.js';
import type {HistoryFile} from '../../store/history-file.js';
import {resolveAlertPrefs} from '../alert-options.js';
import {refuseNonIds} from '../aggregation-ids.js';
import {resolveRunActions} from '../run-action-options.js';

/** --stall-after in the demo, where a stall lasts 45 s. */
export const DEMO_STALL_AFTER_MS = 20_000;

/**
 * `aggwatch [id...]`: the full-screen monitor. Everything that can fail with a plain message (no terminal, bad
 * flags, no tenant, an unusable store) happens here, before the screen is taken over and before Ink is loaded.
 *
 * Without --tenant it shows every tracked row, whatever its tenant: each saved tenant (and the ad-hoc SAIL_* one)
 * gets its own client, and rows of a tenant without usable credentials show an auth error while the rest go on.
 * With --tenant NAME it shows that tenant's rows only. New ids (here and from the add prompt) go to the tenant
 * chosen as usual: --tenant, else SAIL_* / flags / ./config.json, else the default saved tenant.
 */
export async function runMonitor(context: CliContext, ids: string[]): Promise<number> {
	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		context.error('the monitor needs a terminal; in scripts and pipelines use "aggwatch wait <id...>" or "aggwatch status <id...>"');
		return ExitCode.usage;
	}

	refuseNonIds(ids, 'monitor');
	// Loading Ink, React and the screen takes a good part of start-up: begin now, alongside the store and the tenant.
	const screen = import('./screen.js');
	screen.catch(() => undefined);
	const options = pollOptions(context.values);
	const demo = context.values.demo === true;
	// The demo's stall lasts under a minute, so it is told after 20 s without progress unless --stall-after says otherwise.
	const stallAfter = demo && context.values['stall-after'] === undefined ? DEMO_STALL_AFTER_MS : stallAfterMs(context.values);
	// Clients are made per tenant once the screen is up; a proxy setting that can never work is said here, in one line.
	checkProxyEnvironment(context.env);
	const named = demo ? undefined : stringOption(context.values, 'tenant');
	const store = context.openStore();
	// --on-end and --notify: checked before the screen opens. Each failure is told once: on the status line while the
	// screen is up, on standard error once it has closed.
	let showFailure: ((line: string) => void) | undefined;
	const actions = resolveRunActions(context, 'monitor', {
		output: 'ignore',
		report(line) {
			if (showFailure === undefined) {
				context.warn(line);
			} else {
				showFailure(line);
			}
		},
	});
	const actionFailures = {
		subscribe(listener: (line: string) => void) {
			showFailure = listener;
			return () => {
				showFailure = undefined;
			};
		},
	};

	// The ad-hoc tenant (or the demo one) is resolved now, so incomplete SAIL_* settings fail before the screen opens.
	let adHoc: Connection | undefined;
	let target: string;
	const choice = context.chooseTenant();
	if (demo && choice !== undefined) {
		// The simulated tenant (and the HTTP client) start when the first row is polled, after the first frame.
		target = choice.name;
	} else if (choice?.kind === 'ad-hoc') {
		adHoc = (await context.connect()).connection;
		target = adHoc.tenant;
	} else if (choice?.kind === 'saved') {
		target = choice.name;
	} else {
		const [first] = Object.keys(store.listTenants()).sort();
		if (first === undefined) {
			// Nothing saved and nothing ad-hoc: connect() throws the message that says how to add a tenant.
			adHoc = (await context.connect()).connection;
			target = adHoc.tenant;
		} else {
			target = first;
		}
	}

	const now = context.now();
	const wanted = [...ids];
	if (demo) {
		// The simulated tenant starts afresh on every run, so its rows do too (in the demo's own store, never the real one).
		store.removeTracked(store.listTracked());
		const {demoTrackedIds} = await import('../../simulator/demo-scenario.js');
		wanted.push(...demoTrackedIds());
	}

	if (wanted.length > 0) {
		store.addTracked(wanted.map(id => ({id, tenant: target, addedAt: now})));
	}

	const clients = new TenantClients({
		async resolve(tenant) {
			if (adHoc !== undefined && tenant === adHoc.tenant) {
				return adHoc;
			}

			if (demo && tenant === target) {
				return (await context.connect()).connection;
			}

			const record = demo ? undefined : store.getTenant(tenant);
			if (record === undefined) {
				throw noCredentialsError(tenant);
			}

			const secret = context.secrets().lookup({name: tenant, folder: store.getKeychainId(), location: record.secret});
			return savedConnection(tenant, record, secret, apiVersionOf(context.values, record.apiVersion));
		},
		create: async connection => context.createClient(connection, {retryWarnings: false}),
	});
	context.onCleanup(() => {
		clients.close();
	});

	const tenants = [
		...new Set([...(adHoc ? [adHoc.tenant] : demo ? [target] : []), ...(demo ? [] : Object.keys(store.listTenants()).sort())]),
	];
	const services = createMonitorServices(clients, named === undefined ? tenants : [named]);
	let history: HistoryFile | undefined;
	try {
		history = openCommandHistory(context);
	} catch (error) {
		context.warn(`the history cannot be used, so ends seen now will not be recorded: ${(error as Error).message}`);
	}

	if (demo && history !== undefined) {
		// The demo's history starts afresh like its store, with a week of earlier runs to compare the demo's runs with.
		const {demoHistory} = await import('../demo-history.js');
		try {
			history.reset(demoHistory(now));
		} catch (error) {
			context.warn(`the demo history cannot be written: ${(error as Error).message}`);
		}
	}

	const alerts = resolveAlertPrefs(context.values, context.env, store.getPrefs());
	const rowTenants = new Set(store.listTracked().map(row => row.tenant));
	const several = named === undefined && new Set([...tenants, ...rowTenants]).size > 1;
	// Ink and React are loaded by now (the screen imports the theme): its env checks cost nothing more here.
	const [{runMonitorScreen}, {prefersAscii, prefersColor}] = await Promise.all([screen, import('../../ui/index.js')]);
	await runMonitorScreen({
		store,
		tenant: target,
		tenantLabel: demo ? 'demo (simulated tenant)' : several ? 'all tenants' : (named ?? target),
		...(named === undefined ? {} : {showRow: (row: {tenant: string}) => row.tenant === named}),
		services,
		...(history === undefined ? {} : {history}),
		alerts,
		autoDiscover: context.values.discover === true,
		options,
		stallAfterMs: stallAfter,
		actions,
		actionFailures,
		// NO_COLOR, --no-color, FORCE_COLOR=0 and TERM=dumb: no colour. TERM=linux, a non-UTF-8 locale, --ascii: ASCII only.
		color: prefersColor(context.env, context.values['no-color'] === true ? false : undefined),
		ascii: prefersAscii(context.env, process.platform, context.values.ascii === true ? true : undefined),
		// The wheel scrolls; --no-mouse leaves the mouse to the terminal (its own selection without Shift).
		mouse: context.values['no-mouse'] !== true,
	});
	store.close();
	// What is under way gets a few seconds to finish; an --on-end command still running then goes on by itself.
	await Promise.race([actions.settle(), new Promise(resolve => setTimeout(resolve, QUIT_GRACE_MS).unref())]);

	return ExitCode.ok;
}

/** How long quitting waits for --on-end commands and --notify posts under way. */
const QUIT_GRACE_MS = 5000;
