import {roughDuration, stallPhrase} from '../alerts/stall-alert.js';
import {ExitCode} from '../domain/exit-codes.js';
import {giveUpAfterMs, pollOptions, stallAfterMs} from './poll-options.js';
import {stringOption} from './options.js';
import {UsageError} from '../domain/usage-error.js';
import {parseDuration, formatDuration} from '../core/durations.js';
import {createMonitorStore} from '../core/monitor-store.js';
import {isPolled} from '../core/phase.js';
import {createPoller} from '../core/poller.js';
import {createMonitorState} from '../core/reducer.js';
import {stallOf} from '../core/stall.js';
import type {MonitorState, TrackedRow} from '../core/types.js';
import {isCertificateError} from '../domain/certificate-codes.js';
import {toTaskOutcome} from '../isc/task-status.js';
import type {CommandContext} from './context.js';
import {changedRows, formatWaitLine, formatWaitSummary, rowExitCode, toEvent, waitExitCode} from './wait-report.js';
import type {WaitHooks} from './wait-hooks.js';
import {setLongTimeout} from './long-timer.js';
import {refuseNonIds} from './aggregation-ids.js';

/**
 * `aggwatch wait <id...>`: polls with the monitor's own scheduler (budget, backoff, 429 pauses) until every id
 * reaches an end state, printing one line per change. Exit codes: see domain/exit-codes.ts.
 */
/** How a caller that runs several waits in a row (start --sequence) shapes each one. */
export interface WaitShape {
	/** The NDJSON event of each change. Default "change". */
	changeEvent?: string;
	/** Print the summary (NDJSON) or the timeout line at the end. Default true. */
	summary?: boolean;
	/** Instead of --timeout. */
	timeoutMs?: number;
	/** The last state, and whether time ran out, once the wait is over. */
	onFinish?(state: MonitorState, timedOut: boolean): void;
}

export async function runWait(context: CommandContext, ids: string[], hooks: WaitHooks = {}, shape: WaitShape = {}): Promise<number> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) {
		throw new UsageError('wait needs at least one aggregation id, e.g. aggwatch wait 2c91808477a6b0c60177a81146b8110b', 'wait');
	}

	refuseNonIds(unique, 'wait');
	const timeoutText = stringOption(context.values, 'timeout');
	const timeoutMs = shape.timeoutMs ?? (timeoutText === undefined ? undefined : parseDuration(timeoutText));
	const options = pollOptions(context.values);
	const stallAfter = stallAfterMs(context.values);
	const giveUpAfter = giveUpAfterMs(context.values);
	const json = context.values.json === true;
	const rules = {failOnWarning: context.values['fail-on-warning'] === true};
	const {client, connection} = await context.connect();

	const start = context.now();
	const store = createMonitorStore(
		createMonitorState(
			{...options, readTasks: true},
			unique.map(id => ({id, tenant: connection.tenant, addedAt: start})),
			start,
		),
	);

	const emit = (value: object) => {
		context.out(JSON.stringify(value));
	};

	return new Promise<number>(resolve => {
		let previous: MonitorState | undefined;
		let cancelTimeout: (() => void) | undefined;
		let finished = false;
		const rateLimitedSeen = new Map<string, number>();
		/** Rows stalled at the last change: a stall is told once, and again only after progress resumed. */
		const stalled = new Set<string>();
		/** Rows whose requests fail without a break: since when, and the timer that gives up on them. */
		const failing = new Map<string, {since: number; cancel: () => void}>();

		const poller = createPoller({
			getState: store.getState,
			dispatch: store.dispatch,
			fetchStatus: (row, options) => client.getAggregationStatus(row.id, {retries: 0, ...options}),
			fetchTask: async (row, options) => toTaskOutcome(await client.getTaskStatus(row.id, {retries: 0, ...options})),
			clock: {
				now: context.now,
				setTimeout: (fn, ms) => setTimeout(fn, ms),
				clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
			},
		});

		const finish = (timedOut: boolean, authFailed: boolean, forcedCode?: number) => {
			if (finished) {
				return;
			}

			finished = true;
			unsubscribe();
			poller.stop();
			cancelTimeout?.();
			for (const streak of failing.values()) {
				streak.cancel();
			}

			const state = store.getState();
			const code = forcedCode ?? waitExitCode(state, timedOut, authFailed, rules);
			const now = context.now();
			shape.onFinish?.(state, timedOut);
			if (shape.summary === false) {
				// The caller tells the end.
			} else if (json) {
				emit({
					event: 'summary',
					exitCode: code,
					timedOut,
					elapsedMs: now - start,
					results: state.rows.map(row => ({...toEvent(row, now), exitCode: rowExitCode(row, timedOut, rules)})),
				});
			} else {
				if (timedOut) {
					context.error(
						`timed out after ${formatDuration(now - start)}; still running: ${state.rows
							.filter(row => isPolled(row))
							.map(row => row.id)
							.join(', ')}`,
					);
				}

				context.out(formatWaitSummary(state.rows, code));
			}

			resolve(code);
		};

		const report = () => {
			const state = store.getState();
			const now = context.now();
			for (const event of changedRows(previous, state, now)) {
				if (json) {
					emit({event: shape.changeEvent ?? 'change', ...event});
				} else {
					context.out(formatWaitLine(event, false));
				}
			}

			for (const tenant of Object.values(state.tenants)) {
				if (tenant.pausedUntil !== undefined && tenant.pausedUntil > now && rateLimitedSeen.get(tenant.name) !== tenant.pausedUntil) {
					rateLimitedSeen.set(tenant.name, tenant.pausedUntil);
					const waitMs = tenant.pausedUntil - now;
					if (json) {
						emit({event: 'rate-limited', tenant: tenant.name, retryInMs: waitMs, at: new Date(now).toISOString()});
					} else {
						context.out(`${new Date(now).toISOString().slice(11, 19)}  rate limited by ISC; pausing ${formatDuration(waitMs)}`);
					}
				}
			}

			for (const row of state.rows) {
				const failure = failureOf(row);
				const streak = failing.get(row.key);
				if (failure !== undefined && streak === undefined) {
					// Told once when it starts; a change of message is a change line of its own.
					const since = failure.at;
					const timeLeft = Math.max(0, since + giveUpAfter - now);
					failing.set(row.key, {
						since,
						cancel: setLongTimeout(() => {
							giveUp(row.key);
						}, timeLeft),
					});
					if (json) {
						emit({
							event: 'failing',
							id: row.id,
							tenant: row.tenant,
							since: new Date(since).toISOString(),
							error: failure,
							giveUpInMs: timeLeft,
							at: new Date(now).toISOString(),
						});
					} else {
						context.out(
							`${new Date(now).toISOString().slice(11, 19)}  ${row.id}  requests failing: ${failure.message}; giving up after ${formatDuration(giveUpAfter)} of failures without a break`,
						);
					}
				} else if (failure === undefined && streak !== undefined) {
					streak.cancel();
					failing.delete(row.key);
					if (json) {
						emit({event: 'recovered', id: row.id, tenant: row.tenant, failedForMs: now - streak.since, at: new Date(now).toISOString()});
					} else {
						context.out(
							`${new Date(now).toISOString().slice(11, 19)}  ${row.id}  requests answered again after ${formatDuration(now - streak.since)} of failures`,
						);
					}
				}

				const stall = stallOf(row, stallAfter, hooks.stallBaseline?.(row));
				if (stall === undefined) {
					stalled.delete(row.key);
					continue;
				}

				if (stalled.has(row.key)) {
					continue;
				}

				stalled.add(row.key);
				const {processedAccounts, totalAccounts} = row.snapshot ?? {};
				if (json) {
					emit({
						event: 'stalled',
						id: row.id,
						tenant: row.tenant,
						kind: stall.kind,
						status: row.snapshot?.status,
						...(processedAccounts === undefined ? {} : {processedAccounts}),
						...(totalAccounts === undefined ? {} : {totalAccounts}),
						since: new Date(stall.since).toISOString(),
						forMs: stall.forMs,
						thresholdMs: stall.thresholdMs,
						at: new Date(now).toISOString(),
					});
				} else {
					context.out(
						`${new Date(now).toISOString().slice(11, 19)}  ${row.id}  ${stallPhrase(stall)} (threshold ${roughDuration(stall.thresholdMs)})`,
					);
				}

				hooks.onStall?.(row, stall);
			}

			hooks.onChange?.(previous, state, now);
			previous = state;
			// A tenant stopped: credentials that fail, or an untrusted TLS certificate (which does not fix itself
			// either): no point polling on until the timeout.
			const stopped = Object.values(state.tenants).find(tenant => tenant.authError)?.authError;
			if (stopped) {
				context.error(`${stopped.message}${stopped.hint ? ` - ${stopped.hint}` : ''}`);
				if (isCertificateError(stopped)) {
					finish(false, false, ExitCode.requestFailed);
				} else {
					finish(false, true);
				}

				return;
			}

			// Done once every row has ended and its outcome has been read from its task (or given up on).
			if (state.rows.every(row => !isPolled(row) && row.taskRead === undefined)) {
				finish(false, false);
			}
		};

		/** An id's requests failed for --give-up-after without a break: exit 6, naming it and the last failure. */
		const giveUp = (key: string) => {
			const row = store.getState().rows.find(candidate => candidate.key === key);
			const failure = row === undefined ? undefined : failureOf(row);
			if (row === undefined || failure === undefined) {
				return;
			}

			context.error(
				`${row.id}: requests have failed for ${formatDuration(context.now() - (failing.get(key)?.since ?? failure.at))} without a break (last: ${failure.message}${failure.trackingId ? ` [trackingId ${failure.trackingId}]` : ''}); giving up`,
			);
			finish(false, false, ExitCode.requestFailed);
		};

		const unsubscribe = store.subscribe(report);
		if (timeoutMs !== undefined) {
			// --timeout 30d is longer than one setTimeout can wait.
			cancelTimeout = setLongTimeout(() => {
				finish(true, false);
			}, timeoutMs);
		}

		poller.start();
	});
}

/**
 * The failure a row's requests are in, if they are: an error that backs the row off (server, network, bad answer,
 * refused request). A 429 pauses the tenant and is not one; nor is a 404 (its own rules decide) or an auth failure
 * (wait ends on it at once).
 */
function failureOf(row: TrackedRow): {kind: string; message: string; at: number; trackingId?: string} | undefined {
	const error = row.lastError;
	if (!isPolled(row) || row.failures === 0 || error === undefined) {
		return undefined;
	}

	if (error.kind === 'not-found' || error.kind === 'rate-limited' || error.kind === 'auth' || error.kind === 'forbidden') {
		return undefined;
	}

	return {
		kind: error.kind,
		message: error.message,
		at: error.at,
		...(error.trackingId === undefined ? {} : {trackingId: error.trackingId}),
	};
}
