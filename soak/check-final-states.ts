/**
 * Did every aggregation end where the simulator's truth says, in the monitor's saved store and in the wait
 * processes' NDJSON summaries? The truth is the last live status each simulator reported (aggregations()), so
 * an aggregation that expired during the run still has its end status. Accepted:
 * - ended with exactly the true end status;
 * - expired (404 after being seen, or a 404 again once its task had ended), only for aggregations that really expired
 *   (GONE) during the run; where the process read its task, the task's completion status must be the one the
 *   simulator gives that end status (an expired row completes its outcome from the task);
 * - not-found, only for ids no tenant ever knew (and such ids must be not-found).
 */
import type {StoredRow} from '../source/store/config.js';
import {parseWaitOutput} from './check-processes.js';
import {completionStatusOf} from '../source/simulator/task-status.js';
import {figure, type Figure} from './figure.js';
import type {SoakObservations} from './observations.js';
import type {SoakAggregation} from './plans.js';
import {MONITOR} from './processes.js';
import type {RotationPlan} from './schedule.js';
import {isEndStatus, type TruthRecord} from './truth.js';

/** What a row or result ended as: an end status or a phase (not-found, expired, waiting, running), with its counts. */
export interface Observed {
	outcome: string;
	processedAccounts?: number;
	totalAccounts?: number;
	/** The completion status of its task, once the process read one. */
	taskCompletion?: string;
}

export interface Judgement {
	ok: boolean;
	expected: string;
}

function counts(processed: number | undefined, total: number | undefined): string {
	return processed === undefined && total === undefined ? 'no counts' : `${processed ?? '?'}/${total ?? '?'} accounts`;
}

/**
 * Ended with the true end status and the counts the simulator last gave; expired only if it really expired;
 * not-found only for (and always for) an id no tenant knew. `seenAlive`: the simulator answered this process a real
 * status body for it at least once. One that expired before that (faults and backoff kept it from being seen) can
 * only be waiting or not-found: a 404 for an id never seen is "not visible yet", by design.
 */
export function judge(aggregation: SoakAggregation, truth: TruthRecord | undefined, observed: Observed, seenAlive = true): Judgement {
	if (aggregation.plan === undefined) {
		return {ok: observed.outcome === 'not-found', expected: 'not-found'};
	}

	const final = truth?.lastLive;
	if (!isEndStatus(final)) {
		return {ok: false, expected: `an end status (the simulator still said ${final ?? 'nothing'})`};
	}

	const expired = truth?.goneAt !== undefined;
	if (expired && observed.outcome === 'expired') {
		const completion = completionStatusOf(aggregation.plan, final);
		return observed.taskCompletion === undefined || observed.taskCompletion === completion
			? {ok: true, expected: `${final} or expired`}
			: {ok: false, expected: `${final}, or expired with task ${completion ?? 'unknown'}`};
	}

	if (expired && !seenAlive) {
		return {
			ok: observed.outcome === 'waiting' || observed.outcome === 'not-found',
			expected: 'waiting or not-found (expired before it was ever answered)',
		};
	}

	const sameCounts = observed.processedAccounts === truth?.processedAccounts && observed.totalAccounts === truth?.totalAccounts;
	return {
		ok: observed.outcome === final && sameCounts,
		expected: `${final} with ${counts(truth?.processedAccounts, truth?.totalAccounts)}${expired ? ', or expired' : ''}`,
	};
}

function storedOutcome(row: StoredRow | undefined): Observed {
	if (row === undefined) {
		return {outcome: 'missing from the store'};
	}

	const outcome =
		row.phase === 'ended'
			? (row.snapshot?.status ?? 'ended without a status')
			: (row.phase ?? (row.snapshot?.status === undefined ? 'waiting' : 'running'));
	const completion = row.task?.completionStatus;
	return {
		outcome,
		...(typeof completion === 'string' ? {taskCompletion: completion} : {}),
		...(row.snapshot?.processedAccounts === undefined ? {} : {processedAccounts: row.snapshot.processedAccounts}),
		...(row.snapshot?.totalAccounts === undefined ? {} : {totalAccounts: row.snapshot.totalAccounts}),
	};
}

function waitOutcome(result: Record<string, unknown> | undefined): Observed {
	if (result === undefined) {
		return {outcome: 'missing from the summary'};
	}

	const phase = result['outcome'];
	const status = result['status'];
	// An expired row says EXPIRED as its status while its outcome comes from the task (wait-report.ts toEvent).
	const outcome =
		status === 'EXPIRED'
			? 'expired'
			: phase === 'not-found' || phase === 'expired' || phase === 'waiting' || phase === 'running'
				? phase
				: typeof status === 'string'
					? status
					: String(phase);
	const processed = result['processedAccounts'];
	const total = result['totalAccounts'];
	const task = result['task'];
	const completion = typeof task === 'object' && task !== null ? (task as Record<string, unknown>)['completionStatus'] : undefined;
	return {
		outcome,
		...(typeof processed === 'number' ? {processedAccounts: processed} : {}),
		...(typeof total === 'number' ? {totalAccounts: total} : {}),
		...(typeof completion === 'string' ? {taskCompletion: completion} : {}),
	};
}

function describe(observed: Observed): string {
	return observed.processedAccounts === undefined && observed.totalAccounts === undefined
		? observed.outcome
		: `${observed.outcome} with ${counts(observed.processedAccounts, observed.totalAccounts)}`;
}

function describeMismatches(misses: ReadonlyArray<{aggregation: SoakAggregation; observed: Observed; expected: string}>): string[] {
	const shown = misses
		.slice(0, 12)
		.map(miss => `${miss.aggregation.tenant}/${miss.aggregation.id}: ${describe(miss.observed)}, expected ${miss.expected}`);
	return misses.length > shown.length ? [...shown, `… and ${misses.length - shown.length} more`] : shown;
}

/** The aggregations whose rows the monitor could finish: all but the rotated tenant's when it cannot recover in time. */
export function finishable(aggregations: readonly SoakAggregation[], rotation: RotationPlan): SoakAggregation[] {
	return aggregations.filter(aggregation => rotation.recoveryExpected || aggregation.tenant !== rotation.tenant);
}

/** Process → `tenant/id` of every aggregation the simulator answered it a real status body for. */
export type AliveAnswers = ReadonlyMap<string, ReadonlySet<string>>;

export function finalStateFigures(observations: SoakObservations, alive: AliveAnswers): Figure[] {
	const {layout, truth, monitor, waits, schedule} = observations;
	const seen = (process: string, aggregation: SoakAggregation) =>
		alive.get(process)?.has(`${aggregation.tenant}/${aggregation.id}`) ?? false;
	const neverSeen: string[] = [];
	const figures: Figure[] = [];

	// The set-up itself: every planned aggregation must really have ended within the run.
	const existing = layout.aggregations.filter(aggregation => aggregation.plan !== undefined);
	const unended = existing.filter(aggregation => !isEndStatus(truth.record(aggregation.tenant, aggregation.id)?.lastLive));
	const expiredInTruth = existing.filter(aggregation => truth.record(aggregation.tenant, aggregation.id)?.goneAt !== undefined).length;
	figures.push(
		figure(
			'aggregations ended in truth (simulators)',
			`${existing.length - unended.length}/${existing.length}, ${expiredInTruth} of them expired to 404`,
			`${existing.length}/${existing.length}`,
			unended.length === 0,
			unended.slice(0, 5).map(aggregation => `${aggregation.tenant}/${aggregation.id} did not end`),
		),
	);

	const stored = new Map(monitor.storeRows.map(row => [`${row.tenant}/${row.id}`, row]));
	const judged = layout.aggregations.map(aggregation => {
		const observed = storedOutcome(stored.get(`${aggregation.tenant}/${aggregation.id}`));
		const record = truth.record(aggregation.tenant, aggregation.id);
		if (aggregation.plan !== undefined && record?.goneAt !== undefined && !seen(MONITOR, aggregation)) {
			neverSeen.push(`${aggregation.tenant}/${aggregation.id}`);
		}

		return {aggregation, observed, ...judge(aggregation, record, observed, seen(MONITOR, aggregation))};
	});
	const wanted = new Set(finishable(layout.aggregations, schedule.rotation));
	const main = judged.filter(entry => wanted.has(entry.aggregation));
	const misses = main.filter(entry => !entry.ok);
	const byOutcome = new Map<string, number>();
	for (const entry of main) {
		byOutcome.set(entry.observed.outcome, (byOutcome.get(entry.observed.outcome) ?? 0) + 1);
	}

	const breakdown = [...byOutcome]
		.sort((a, b) => b[1] - a[1])
		.map(([outcome, count]) => `${count} ${outcome}`)
		.join(', ');
	figures.push(
		figure(
			'monitor store after q: rows at their true end',
			`${main.length - misses.length}/${main.length}`,
			`${main.length}/${main.length}`,
			misses.length === 0 && monitor.storeError === undefined,
			[
				...(monitor.storeError === undefined ? [] : [`store unreadable: ${monitor.storeError}`]),
				`saved outcomes: ${breakdown}`,
				...(neverSeen.length === 0
					? []
					: [`expired before the monitor was ever answered for them (so waiting or not-found is right): ${neverSeen.join(', ')}`]),
				...describeMismatches(misses),
			],
		),
	);

	if (!schedule.rotation.recoveryExpected) {
		// The rotated tenant's rows could not be polled after the rotation: they must keep what was seen, no more.
		const rotated = judged.filter(entry => !wanted.has(entry.aggregation));
		const wrong = rotated.filter(entry => !entry.ok && entry.observed.outcome !== 'waiting' && entry.observed.outcome !== 'running');
		figures.push(
			figure(
				`monitor store: ${schedule.rotation.tenant} rows (auth failed, no recovery in this run) not misreported`,
				`${rotated.length - wrong.length}/${rotated.length} (${rotated.filter(entry => entry.ok).length} at their end)`,
				`${rotated.length}/${rotated.length} at their end, waiting or running`,
				wrong.length === 0,
				describeMismatches(wrong),
			),
		);
	}

	for (const wait of waits) {
		const {summary} = parseWaitOutput(wait.stdout);
		const results = Array.isArray(summary?.results) ? (summary.results as Array<Record<string, unknown>>) : [];
		const byId = new Map(results.map(result => [String(result['id']), result]));
		const rows = wait.spec.ids.map(id =>
			layout.aggregations.find(aggregation => aggregation.id === id && aggregation.tenant === wait.spec.tenant),
		);
		const waitMisses: Array<{aggregation: SoakAggregation; observed: Observed; expected: string}> = [];
		for (const aggregation of rows) {
			if (aggregation === undefined) {
				continue;
			}

			const observed = waitOutcome(byId.get(aggregation.id));
			const verdict = judge(aggregation, truth.record(aggregation.tenant, aggregation.id), observed, seen(wait.name, aggregation));
			if (!verdict.ok) {
				waitMisses.push({aggregation, observed, expected: verdict.expected});
			}
		}

		figures.push(
			figure(
				`${wait.name} summary: results at their true end`,
				`${wait.spec.ids.length - waitMisses.length}/${wait.spec.ids.length}`,
				`${wait.spec.ids.length}/${wait.spec.ids.length}`,
				waitMisses.length === 0 && summary !== undefined,
				[...(summary === undefined ? ['no summary'] : []), ...describeMismatches(waitMisses)],
			),
		);
	}

	return figures;
}
