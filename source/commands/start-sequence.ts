import {parseDuration} from '../core/durations.js';
import type {MonitorState} from '../core/types.js';
import {ExitCode, worst} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import type {IscSource} from '../isc/source.js';
import {resolveAlertPrefs} from './alert-options.js';
import {openCommandStore} from './command-store.js';
import type {CommandContext} from './context.js';
import {stringOption} from './options.js';
import {resolveSource} from './resolve-source.js';
import {resolveRunActions} from './run-action-options.js';
import {sourceErrorCode, startSource} from './start-source.js';
import {toEvent, type WaitEvent} from './wait-report.js';
import {createWaitHooks} from './wait-hooks.js';
import {runWait} from './wait.js';

/** One source of the chain, as the summary tells it. */
interface StepResult {
	source: {id: string; name: string};
	/** The aggregation followed (started, or found running). */
	id?: string;
	alreadyRunning?: boolean;
	exitCode?: number;
	/** Its last state, as wait's events tell it. */
	end?: WaitEvent;
	/** Not started: why. */
	skipped?: string;
}

/**
 * `aggwatch start A B C --sequence`: starts A, waits for its end and its task's outcome, then B, and so on. A
 * source already aggregating is waited on, not started again. A run that fails (any exit code but 0) stops the chain
 * unless --continue-on-failure, which goes on after anything but an authentication failure or the end of --timeout
 * (the whole chain's). The exit code is the worst of the chain, with wait's table. Every run is tracked, so an open
 * monitor shows it as it starts. --json: NDJSON events (started, already-running, progress, ended with its task,
 * skipped) and a summary.
 */
export async function runSequence(context: CommandContext, positionals: string[]): Promise<number> {
	const names = positionals.map(text => text.trim());
	if (names.length === 0) {
		throw new UsageError('start --sequence needs sources, in order: aggwatch start "HR" "Active Directory" --sequence', 'start');
	}

	if (names.includes('')) {
		throw new UsageError('start --sequence needs source names or ids, not an empty one', 'start');
	}

	const json = context.values.json === true;
	const continueOnFailure = context.values['continue-on-failure'] === true;
	const timeoutText = stringOption(context.values, 'timeout');
	const timeoutMs = timeoutText === undefined ? undefined : parseDuration(timeoutText);
	const begun = context.now();
	const deadline = timeoutMs === undefined ? undefined : begun + timeoutMs;
	// Checked before anything is sent: a bad --notify, --on-end or AGGWATCH_ALERTS starts nothing.
	const actions = resolveRunActions(context, 'start');
	const labels = new Map<string, string>();
	const hooks = createWaitHooks(context, {labels, alerts: resolveAlertPrefs(context.values, context.env), actions});
	const store = openCommandStore(context);
	const emit = (value: object) => {
		context.out(JSON.stringify(value));
	};

	try {
		const {client, connection} = await context.connect();
		// Every source is found first: a typo in the third name stops the chain before the first one starts.
		const sources: IscSource[] = [];
		for (const text of names) {
			try {
				sources.push(await resolveSource(client, text));
			} catch (error) {
				const code = sourceErrorCode(context, error);
				if (code === undefined) {
					throw error;
				}

				context.error(`nothing was started: every source of the sequence is found before the first one starts`);
				return code;
			}
		}

		const results: StepResult[] = [];
		const codes: number[] = [];
		let stopped: string | undefined;
		let timedOut = false;
		for (const [index, source] of sources.entries()) {
			const step = {step: index + 1, of: sources.length};
			const named = {id: source.id, name: source.name};
			if (stopped !== undefined) {
				results.push({source: named, skipped: stopped});
				if (json) {
					emit({event: 'skipped', tenant: connection.tenant, source: named, reason: stopped, ...step});
				}

				continue;
			}

			const started = await startSource(context, {client, connection, store}, source, {next: '', extra: step});
			if (started.kind === 'failed') {
				codes.push(started.code);
				results.push({source: named, exitCode: started.code});
				if (!continueOnFailure || started.code === ExitCode.auth) {
					stopped = `"${source.name}" could not be started`;
				}

				continue;
			}

			labels.set(started.id, source.name);
			const remaining = deadline === undefined ? undefined : Math.max(1, deadline - context.now());
			let last: MonitorState | undefined;
			const code = await runWait(context, [started.id], hooks, {
				changeEvent: 'progress',
				summary: false,
				...(remaining === undefined ? {} : {timeoutMs: remaining}),
				onFinish(state, ranOut) {
					last = state;
					timedOut = ranOut;
				},
			});
			codes.push(code);
			const row = last?.rows[0];
			const end = row === undefined ? undefined : toEvent(row, context.now());
			results.push({
				source: named,
				id: started.id,
				...(started.kind === 'running' ? {alreadyRunning: true} : {}),
				exitCode: code,
				...(end === undefined ? {} : {end}),
			});
			if (json && end !== undefined) {
				emit({event: 'ended', ...end, source: named, exitCode: code, ...step});
			}

			if (timedOut) {
				stopped = `--timeout ran out during "${source.name}"`;
			} else if (code !== ExitCode.ok && (!continueOnFailure || code === ExitCode.auth)) {
				stopped = `"${source.name}" did not succeed (exit ${code})`;
			}
		}

		const exitCode = worst(codes.length === 0 ? [ExitCode.ok] : codes);
		if (json) {
			emit({event: 'summary', exitCode, timedOut, elapsedMs: context.now() - begun, results});
		} else {
			const skipped = results.filter(result => result.skipped !== undefined);
			if (stopped !== undefined && skipped.length > 0) {
				context.error(`${stopped}; not started: ${skipped.map(result => `"${result.source.name}"`).join(', ')}`);
			}

			context.error(`sequence: ${results.map(result => describeStep(result)).join(', ')}; exit ${exitCode}`);
		}

		await actions.settle();
		return exitCode;
	} finally {
		store.close();
	}
}

function describeStep(result: StepResult): string {
	if (result.skipped !== undefined) {
		return `${result.source.name} not started`;
	}

	if (result.end === undefined) {
		return `${result.source.name} failed to start`;
	}

	const task = result.end.task?.completionStatus;
	return `${result.source.name} ${result.end.status}${task ? ` (task ${task})` : ''}`;
}
