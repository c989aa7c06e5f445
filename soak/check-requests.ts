/**
 * Request discipline, from the simulators' logs (each request tied to the process that sent it, see
 * attribution.ts):
 * - budget: status requests each tenant got from each process in any sliding 10 s window ≤ --budget, timed by when
 *   the process sent them (its --debug log: the simulator's arrival times carry the simulator's own event-loop
 *   delay, which on a loaded machine would make a request sent on time look late);
 * - ISC's own limit: requests of any kind per client id in any 10 s window (arrival times) ≤ 100, and no 429 from
 *   the simulators' own limiter;
 * - Retry-After: after a 429 reached a process, no request from it to that tenant before the pause asked for;
 * - tokens: granted tokens per process and tenant ≈ active time ÷ token lifetime, plus one per forced expiry.
 */
import type {SimLogEntry} from '../source/simulator/types.js';
import type {AttributedRequest, Attribution} from './attribution.js';
import {figure, runTime, type Figure} from './figure.js';
import type {SoakObservations, TenantObservation} from './observations.js';
import {retryAfterDeadline, TOKEN_PATH} from './schedule.js';

const WINDOW_MS = 10_000;
/** What ISC allows per client id per 10 s. */
export const ISC_LIMIT = 100;
/** A request sent within this long after a 429's answer is still taken as sent before it (timer granularity). */
const ANSWER_SLACK_MS = 5;
/** The simulators' own limiter writes at least Retry-After: 1; its exact value is not logged. */
const LIMITER_MIN_RETRY_MS = 1000;

const STATUS_PATH = /\/account-aggregations\/[^/]+\/status$/;

export function isStatusRequest(entry: SimLogEntry): boolean {
	return STATUS_PATH.test(entry.path);
}

/** The most of `times` (any order) inside one half-open window [t, t + windowMs), and where it starts. */
export function maxInWindow(times: readonly number[], windowMs: number): {count: number; at?: number} {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	let at: number | undefined;
	let first = 0;
	for (let last = 0; last < sorted.length; last++) {
		while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= windowMs) {
			first++;
		}

		if (last - first + 1 > best) {
			best = last - first + 1;
			at = sorted[first];
		}
	}

	return at === undefined ? {count: best} : {count: best, at};
}

/** Requests `process` may have sent: its own, plus unattributed ones it is a candidate for (counted against everyone). */
function mayBeFrom(request: AttributedRequest, process: string): boolean {
	return request.process === process || (request.process === undefined && request.candidates.includes(process));
}

export interface TenantRequests {
	tenant: TenantObservation;
	attribution: Attribution;
}

/**
 * A process times its budget by its own clock a moment before the --debug log reads it again for the same request
 * (a few ms on a busy event loop): two requests 9.998 s apart by the log may be 10 s apart by the scheduler. A real
 * excess (a request the budget did not count, a bunch sent together) lies well inside a window and still counts.
 */
export const SEND_TIME_TOLERANCE_MS = 25;

export function budgetFigures(observations: SoakObservations, tenants: readonly TenantRequests[]): Figure[] {
	const {config, runStart} = observations;
	const figures: Figure[] = [];
	for (const {tenant, attribution} of tenants) {
		for (const process of tenant.talkers) {
			const times = attribution.requests
				.filter(request => mayBeFrom(request, process) && isStatusRequest(request.entry))
				.map(request => request.sentAt);
			const {count, at} = maxInWindow(times, WINDOW_MS - SEND_TIME_TOLERANCE_MS);
			figures.push(
				figure(
					`status requests in any 10 s: ${process} → ${tenant.name}`,
					`${count}${at === undefined ? '' : ` (at ${runTime(at - runStart)})`}, ${times.length} in all`,
					`≤ ${config.budget} (--budget)`,
					count <= config.budget,
				),
			);
		}
	}

	let worst = {count: 0, who: ''};
	for (const {tenant, attribution} of tenants) {
		for (const process of tenant.talkers) {
			const {count} = maxInWindow(
				attribution.requests.filter(request => mayBeFrom(request, process)).map(request => request.entry.at),
				WINDOW_MS,
			);
			if (count > worst.count) {
				worst = {count, who: `${process} → ${tenant.name}`};
			}
		}
	}

	figures.push(
		figure(
			'requests of any kind in any 10 s per client id (arrivals, max)',
			`${worst.count} (${worst.who})`,
			`≤ ${ISC_LIMIT} (ISC)`,
			worst.count <= ISC_LIMIT,
		),
	);
	const limiter = tenants.flatMap(({tenant, attribution}) =>
		attribution.requests
			.filter(request => request.entry.status === 429 && request.entry.fault === undefined)
			.map(request => ({tenant, request})),
	);
	figures.push(
		figure(
			"429s from the simulators' own limit (not injected)",
			String(limiter.length),
			'0',
			limiter.length === 0,
			limiter
				.slice(0, 5)
				.map(({tenant, request}) => `${request.process ?? '?'} → ${tenant.name} at ${runTime(request.entry.at - runStart)}`),
		),
	);
	return figures;
}

export function retryAfterFigure(observations: SoakObservations, tenants: readonly TenantRequests[]): Figure {
	const {schedule, runStart} = observations;
	let rateLimited = 0;
	const violations: string[] = [];
	for (const {tenant, attribution} of tenants) {
		const requests = attribution.requests;
		for (const [index, limited] of requests.entries()) {
			if (limited.entry.status !== 429) {
				continue;
			}

			rateLimited++;
			const runAt = limited.entry.at - runStart;
			const window = schedule.faults.find(
				fault =>
					fault.tenant === tenant.name &&
					fault.fromMs <= runAt &&
					runAt < fault.untilMs &&
					fault.fault.type === 'status' &&
					fault.fault.status === 429,
			);
			const deadline =
				limited.entry.fault === undefined || window === undefined
					? limited.entry.at + LIMITER_MIN_RETRY_MS
					: (retryAfterDeadline(window.fault, limited.entry.at) ?? limited.entry.at + LIMITER_MIN_RETRY_MS);
			for (const later of requests.slice(index + 1)) {
				if (later.entry.at >= deadline) {
					break;
				}

				const sameSender =
					limited.process === undefined
						? later.candidates.some(candidate => limited.candidates.includes(candidate))
						: mayBeFrom(later, limited.process);
				if (sameSender && later.sentAt > limited.answeredAt + ANSWER_SLACK_MS) {
					violations.push(
						`${later.process ?? '?'} → ${tenant.name}: ${later.entry.method} ${later.entry.path} sent ${runTime(later.sentAt - runStart)}, ` +
							`${((deadline - later.sentAt) / 1000).toFixed(2)} s before the Retry-After of the 429 at ${runTime(limited.entry.at - runStart)} had passed`,
					);
				}
			}
		}
	}

	return figure(
		'requests sent before a Retry-After had passed',
		`${violations.length} (after ${rateLimited} 429s)`,
		'0',
		violations.length === 0,
		violations.length > 8 ? [...violations.slice(0, 8), `… and ${violations.length - 8} more`] : violations,
	);
}

export function tokenFigures(observations: SoakObservations, tenants: readonly TenantRequests[]): Figure[] {
	const {config, actions, runStart} = observations;
	const lifetimeMs = config.tokenLifetimeSec * 1000;
	// aggwatch renews a token when 90 % of its lifetime has passed.
	const renewEveryMs = lifetimeMs * 0.9;
	const figures: Figure[] = [];
	for (const {tenant, attribution} of tenants) {
		for (const process of tenant.talkers) {
			const own = attribution.requests.filter(request => request.process === process);
			const tokens = own.filter(request => request.entry.path === TOKEN_PATH);
			const granted = tokens.filter(request => request.entry.status === 200).length;
			if (own.length === 0) {
				continue;
			}

			const first = Math.min(...own.map(request => request.sentAt));
			const last = Math.max(...own.map(request => request.sentAt));
			const forced = actions.filter(
				({action, at}) =>
					at > first &&
					at < last &&
					(action.kind === 'expire-tokens' || (action.kind === 'restore' && action.tenant === tenant.name && process === 'monitor')),
			).length;
			const natural = Math.floor((last - first) / renewEveryMs) + 1;
			const allowed = natural + forced + 2;
			const ok = granted >= 1 && granted <= allowed;
			figures.push(
				figure(
					`tokens granted: ${process} → ${tenant.name}`,
					`${granted} (${tokens.length} asked)`,
					`≤ ${allowed}: ${((last - first) / 1000).toFixed(0)} s active ÷ ${config.tokenLifetimeSec} s ≈ ${natural}, + ${forced} forced, + 2`,
					ok,
					ok ? [] : [`active ${runTime(first - runStart)} to ${runTime(last - runStart)}`],
				),
			);
		}
	}

	return figures;
}
