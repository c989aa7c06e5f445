import {ExitCode} from '../domain/exit-codes.js';
import {IscError} from '../domain/errors.js';
import {UsageError} from '../domain/usage-error.js';
import {formatDuration, parseDuration} from '../core/durations.js';
import {createRequestPacer} from '../core/request-pacer.js';
import {DEFAULT_STALL_AFTER_MS, type SourceOverview} from '../core/source-overview.js';
import {attentionWords, figuresWords, nextRunWords, outcomeWords, relativeWords, tookWords} from '../core/source-overview-text.js';
import type {IscClient} from '../isc/client.js';
import {apiVersionOf, savedConnection, type Connection} from './connection.js';
import type {CliContext} from './context.js';
import {exitCodeForError} from './error-exit-code.js';
import {booleanFlag} from './flag-values.js';
import {stringOption} from './options.js';
import {pollOptions} from './poll-options.js';
import {TenantOverview} from './source-overview-reader.js';
import {formatErrorLine} from './status-format.js';
import {formatTable} from './table.js';
import type {RunEvent} from '../core/run-event.js';
import {resolveRunActions} from './run-action-options.js';

/** Exit code of `--attention` when some source needs attention. */
const ATTENTION_EXIT = ExitCode.failed;

/** One `--json` line, in the shape the issue gives (fields always present, null when unknown). */
export function sourceJson(overview: SourceOverview): Record<string, unknown> {
	const {lastRun, running, schedule} = overview;
	return {
		tenant: overview.tenant,
		id: overview.id,
		name: overview.name,
		connector: overview.connector,
		healthy: overview.healthy,
		health: overview.health,
		deleteThreshold: overview.deleteThreshold,
		running: running === null ? null : {id: running.id, status: running.status, started: running.started},
		lastRun:
			lastRun === null
				? null
				: {
						id: lastRun.id,
						completionStatus: lastRun.completionStatus,
						launched: lastRun.launched,
						completed: lastRun.completed,
						durationSeconds: lastRun.durationSeconds,
						warnings: lastRun.warnings,
						errors: lastRun.errors,
						deletionsHeldBack: lastRun.deletionsHeldBack,
					},
		schedule: schedule === null || schedule === undefined ? null : {cron: schedule.cron, previous: schedule.previous, next: schedule.next},
		overdue: overview.overdue,
		attention: overview.attention,
	};
}

/**
 * The "attention" event of a source (sources --attention), for --on-end and --notify: AGGWATCH_ID is its last run
 * (the source's id when it never ran), AGGWATCH_STATUS and AGGWATCH_OUTCOME the last run's completion status.
 */
export function attentionEvent(overview: SourceOverview, now: number): RunEvent {
	const {lastRun} = overview;
	return {
		event: 'attention',
		id: lastRun?.id ?? overview.id,
		tenant: overview.tenant,
		source: overview.name,
		status: lastRun === null ? 'NEVER_RUN' : lastRun.completionStatus === 'TERMINATED' ? 'TERMINATED' : 'COMPLETED',
		outcome: lastRun?.completionStatus ?? 'UNKNOWN',
		warnings: lastRun?.warnings ?? 0,
		errors: lastRun?.errors ?? 0,
		...(lastRun?.durationSeconds === null || lastRun?.durationSeconds === undefined ? {} : {durationSeconds: lastRun.durationSeconds}),
		attention: [...overview.attention],
		at: new Date(now).toISOString(),
	};
}

/** The human table: one line per source, those needing attention first. Times are relative to now. */
export function formatSourcesTable(overviews: readonly SourceOverview[], now: number, withTenant: boolean): string[] {
	const header = [
		...(withTenant ? ['TENANT'] : []),
		'SOURCE',
		'CONNECTOR',
		'HEALTH',
		'LAST RUN',
		'ENDED',
		'TOOK',
		'FIGURES',
		'RUNNING',
		'NEXT RUN',
		'ATTENTION',
	];
	const rows = overviews.map(overview => {
		const {lastRun, running} = overview;
		const completed = lastRun?.completed === null || lastRun?.completed === undefined ? undefined : Date.parse(lastRun.completed);
		const started = running?.started === null || running?.started === undefined ? undefined : Date.parse(running.started);
		const runningFor = started === undefined ? '' : ` ${formatDuration(Math.max(0, now - started))}`;
		return [
			...(withTenant ? [overview.tenant] : []),
			overview.name,
			overview.connector ?? '-',
			overview.healthy === false ? `unhealthy (${overview.health ?? '?'})` : overview.healthy === true ? 'healthy' : '?',
			lastRun === null ? 'never' : outcomeWords(lastRun),
			completed === undefined ? '-' : relativeWords(completed, now),
			lastRun === null ? '-' : tookWords(lastRun),
			lastRun === null ? '-' : figuresWords(lastRun),
			running === null
				? '-'
				: `${running.status === 'QUEUED' ? 'queued' : 'running'}${runningFor}${running.progress === undefined ? '' : `, ${running.progress}`} (${running.id})`,
			nextRunWords(overview, now),
			attentionWords(overview),
		];
	});
	return formatTable(header, rows);
}

interface TenantTarget {
	tenant: string;
	client: () => Promise<IscClient>;
}

/** The tenants to read: the one chosen (--tenant, --demo, an ad-hoc tenant), else every saved tenant. */
function targets(context: CliContext): TenantTarget[] {
	const explicit =
		context.values.demo === true || stringOption(context.values, 'tenant') !== undefined || context.chooseTenant()?.kind === 'ad-hoc';
	const saved = explicit ? [] : context.savedTenants().names();
	if (saved.length === 0) {
		return [{tenant: '', client: async () => (await context.connect()).client}];
	}

	return saved.map(name => ({
		tenant: name,
		async client() {
			const record = context.savedTenants().get(name);
			if (record === undefined) {
				throw new IscError({kind: 'auth', message: `tenant "${name}" is no longer saved`});
			}

			const connection: Connection = savedConnection(
				name,
				record,
				context.savedTenants().secret(name),
				apiVersionOf(context.values, record.apiVersion),
			);
			return context.createClient(connection);
		},
	}));
}

/**
 * `aggwatch sources [--attention] [--json] [--tenant NAME]`: every source of the tenant (or of every saved tenant),
 * those needing attention first: health, the last account aggregation, a run in progress, the next scheduled run and
 * whether it is overdue. Every request waits its turn in the tenant's budget (--budget, default 80 per 10 s).
 */
export async function runSources(context: CliContext, positionals: string[]): Promise<number> {
	if (positionals.length > 0) {
		throw new UsageError(`sources takes no arguments, found "${positionals[0]}"`, 'sources');
	}

	const json = context.values.json === true;
	const attentionOnly = booleanFlag(context.values, 'attention');
	const budget = pollOptions(context.values).budget ?? {requests: 80, windowMs: 10_000};
	const stallText = stringOption(context.values, 'stall-after');
	const stallAfterMs = stallText === undefined ? DEFAULT_STALL_AFTER_MS : parseDuration(stallText);
	// --on-end and --notify (the morning report): one event per source needing attention; only with --attention, and
	// only from the flags and AGGWATCH_NOTIFY_URL, as for discover --ended.
	for (const flag of ['on-end', 'notify', 'notify-format'] as const) {
		if (!attentionOnly && context.values[flag] !== undefined) {
			throw new UsageError(`--${flag} goes with --attention: aggwatch sources --attention --${flag} …`, 'sources');
		}
	}

	const actions = attentionOnly ? resolveRunActions(context, 'sources', {useSaved: false}) : undefined;
	const list = targets(context);
	const withTenant = list.length > 1;
	let exitCode: number = ExitCode.ok;
	let needing = 0;

	for (const target of list) {
		let client: IscClient;
		try {
			client = await target.client();
		} catch (error) {
			if (!(error instanceof IscError)) {
				throw error;
			}

			context.error(`${target.tenant === '' ? '' : `${target.tenant}: `}${formatErrorLine(undefined, error)}`);
			exitCode = Math.max(exitCode, exitCodeForError(error));
			continue;
		}

		const tenant = target.tenant === '' ? (await context.connect()).connection.tenant : target.tenant;
		const pacer = createRequestPacer(budget, {
			now: () => Date.now(),
			setTimeout: (callback, ms) => setTimeout(callback, ms),
			clearTimeout: handle => {
				clearTimeout(handle as NodeJS.Timeout);
			},
		});
		const gate = async () => pacer.acquire();
		const overview = new TenantOverview({
			tenant,
			client: {
				listSources: async (query, options) => client.listSources(query, {...options, onSend: gate}),
				listTaskStatus: async (query, options) => client.listTaskStatus(query, {...options, onSend: gate}),
				listSourceSchedules: async (id, options) => client.listSourceSchedules(id, {...options, onSend: gate}),
				getManagedCluster: async (id, options) => client.getManagedCluster(id, {...options, onSend: gate}),
			},
			now: () => context.now(),
			onWarning(message) {
				context.warn(`${tenant}: ${message}`);
			},
			stallAfterMs,
		});
		try {
			await overview.load();
		} finally {
			pacer.close();
		}

		if (overview.error !== undefined) {
			context.error(`${withTenant ? `${tenant}: ` : ''}${formatErrorLine(undefined, overview.error)}`);
			exitCode = Math.max(exitCode, exitCodeForError(overview.error));
			continue;
		}

		const lines = overview.overviews().filter(line => !attentionOnly || line.attention.length > 0);
		needing += overview.overviews().filter(line => line.attention.length > 0).length;
		for (const line of lines) {
			if (line.attention.length > 0) {
				actions?.emit(attentionEvent(line, context.now()));
			}
		}

		if (json) {
			for (const line of lines) {
				context.out(JSON.stringify(sourceJson(line)));
			}
		} else if (lines.length === 0) {
			context.error(attentionOnly ? `no source of ${tenant} needs attention` : `${tenant} has no sources`);
		} else {
			for (const line of formatSourcesTable(lines, context.now(), withTenant)) {
				context.out(line);
			}
		}
	}

	if (!json && needing > 0) {
		context.error(
			`${needing} source${needing === 1 ? ' needs' : 's need'} attention (schedules are shown in the zone they run in: their cluster's GMT offset, without daylight saving)`,
		);
	}

	await actions?.settle();
	return attentionOnly && needing > 0 ? Math.max(exitCode, ATTENTION_EXIT) : exitCode;
}
