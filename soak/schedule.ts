/**
 * The fault schedule: which faults each simulated tenant injects when (FaultRule windows), and what the script
 * does when (expire every token, rotate a secret and rotate it back). Times are ms after the run's start and
 * scale with the run's length; pulses (on/off patterns) keep their absolute lengths so a fault stays a burst.
 */
import type {FaultKind, FaultRule} from '../source/simulator/types.js';
import {runMs, type SoakConfig} from './config.js';
import {SOAK_TENANTS, type SoakTenant} from './plans.js';

export const STATUS_PREFIX = '/v2025/account-aggregations';
export const TOKEN_PATH = '/oauth/token';

export interface FaultWindow {
	/** What the report calls it, e.g. "429 storm". */
	label: string;
	/** ms after the run's start. */
	fromMs: number;
	untilMs: number;
	fault: FaultKind;
	pathPrefix?: string;
	count?: number;
	tenant: SoakTenant;
}

export type SoakAction =
	| {kind: 'expire-tokens'; atMs: number; reason: string}
	| {kind: 'rotate'; atMs: number; tenant: SoakTenant}
	| {kind: 'restore'; atMs: number; tenant: SoakTenant};

export interface RotationPlan {
	tenant: SoakTenant;
	rotateAtMs: number;
	restoreAtMs: number;
	/** Whether the run is long enough for the monitor's slow auth retry (authRetryMs) to come after the restore. */
	recoveryExpected: boolean;
	/** No faults on the rotated tenant before this (so its auth probe meets a healthy tenant). */
	calmUntilMs: number;
}

export interface SoakSchedule {
	faults: FaultWindow[];
	actions: SoakAction[];
	/** No fault window is active from here on. */
	faultsEndMs: number;
	rotation: RotationPlan;
}

/** [from, until) cut into `onMs` pulses every `onMs + offMs`. */
function pulses(fromMs: number, untilMs: number, onMs: number, offMs: number): Array<[number, number]> {
	const windows: Array<[number, number]> = [];
	for (let start = fromMs; start < untilMs; start += onMs + offMs) {
		windows.push([start, Math.min(untilMs, start + onMs)]);
	}

	return windows;
}

/** The windows minus [cutFrom, cutUntil). */
function without(windows: ReadonlyArray<[number, number]>, cutFrom: number, cutUntil: number): Array<[number, number]> {
	const kept: Array<[number, number]> = [];
	for (const [from, until] of windows) {
		if (until <= cutFrom || from >= cutUntil) {
			kept.push([from, until]);
			continue;
		}

		if (from < cutFrom) {
			kept.push([from, cutFrom]);
		}

		if (until > cutUntil) {
			kept.push([cutUntil, until]);
		}
	}

	return kept;
}

interface WindowSpec {
	label: string;
	/** Fractions of the run. */
	from: number;
	until: number;
	/** On/off pulses in ms; continuous when absent. */
	pulse?: {onMs: number; offMs: number};
	/** The fault of the n-th pulse. */
	fault: (pulse: number) => FaultKind;
	pathPrefix?: string;
	count?: number;
	/** Also expire every token at the window's start, so token requests fall into it. */
	expireAtStart?: boolean;
}

const FIVE_XX = [500, 502, 503, 504] as const;

const WINDOWS: readonly WindowSpec[] = [
	{
		label: '5xx bursts',
		from: 0.05,
		until: 0.11,
		pulse: {onMs: 1500, offMs: 4500},
		fault: n => ({type: 'status', status: FIVE_XX[n % FIVE_XX.length] ?? 500}),
		pathPrefix: STATUS_PREFIX,
	},
	{
		label: '429 storm (Retry-After: 3)',
		from: 0.13,
		until: 0.17,
		fault: () => ({type: 'status', status: 429, retryAfterSec: 3}),
		pathPrefix: STATUS_PREFIX,
	},
	{
		label: 'token endpoint 500s',
		from: 0.19,
		until: 0.23,
		fault: () => ({type: 'status', status: 500}),
		pathPrefix: TOKEN_PATH,
		expireAtStart: true,
	},
	{label: 'connection resets', from: 0.27, until: 0.32, pulse: {onMs: 1000, offMs: 3000}, fault: () => ({type: 'reset'})},
	{label: 'hung responses', from: 0.34, until: 0.37, fault: () => ({type: 'hang'}), pathPrefix: STATUS_PREFIX, count: 2},
	{
		label: 'malformed bodies',
		from: 0.42,
		until: 0.46,
		pulse: {onMs: 1000, offMs: 2000},
		fault: () => ({type: 'malformed'}),
		expireAtStart: true,
	},
	{
		label: 'non-JSON bodies',
		from: 0.48,
		until: 0.52,
		pulse: {onMs: 1000, offMs: 2000},
		fault: () => ({type: 'non-json'}),
		expireAtStart: true,
	},
	{
		label: 'truncated bodies',
		from: 0.54,
		until: 0.57,
		pulse: {onMs: 1000, offMs: 3000},
		fault: () => ({type: 'truncated'}),
		pathPrefix: STATUS_PREFIX,
	},
	{
		label: '429 storm (Retry-After as HTTP date)',
		from: 0.59,
		until: 0.62,
		fault: () => ({type: 'status', status: 429, retryAfterSec: 4, retryAfterDate: true}),
		pathPrefix: STATUS_PREFIX,
	},
	{
		label: '5xx and resets',
		from: 0.64,
		until: 0.7,
		pulse: {onMs: 1000, offMs: 4000},
		fault: n => (n % 2 === 0 ? {type: 'status', status: 503} : {type: 'reset'}),
	},
];

/** Fault windows are laid out as fractions of [FIRST_FAULT, LAST_FAULT] of the run. */
const FIRST_FAULT = 0.05;
const LAST_FAULT = 0.7;

/**
 * When the first fault may come: once the monitor has had time to poll every row once (at its budget's pace, with
 * half as much again for start-up), so every aggregation is seen alive before anything fails. 5 % of the default run.
 */
export function warmUpMs(config: SoakConfig, rowsPerTenant: number): number {
	const firstPass = (rowsPerTenant * 10_000) / config.budget;
	return Math.max(FIRST_FAULT * runMs(config), 1.5 * firstPass + 2000);
}

/** The fault schedule of a run. */
export function buildSchedule(config: SoakConfig, rowsPerTenant = Math.ceil(config.aggregations / SOAK_TENANTS.length)): SoakSchedule {
	const length = runMs(config);
	// Fractions of [FIRST_FAULT, LAST_FAULT] are squeezed into [warm-up, LAST_FAULT] when the warm-up is longer.
	const start = Math.min(warmUpMs(config, rowsPerTenant), 0.3 * length);
	const at = (fraction: number) =>
		Math.round(start + ((fraction - FIRST_FAULT) / (LAST_FAULT - FIRST_FAULT)) * (LAST_FAULT * length - start));
	const rotateAtMs = Math.round(length * 0.25);
	const restoreAtMs = Math.round(length * 0.4);
	// The auth probe comes authRetryMs after the first failure, which follows the rotation at once.
	const recoveryExpected = rotateAtMs + config.authRetryMs + 45_000 <= length;
	const rotation: RotationPlan = {
		tenant: 'charlie',
		rotateAtMs,
		restoreAtMs,
		recoveryExpected,
		calmUntilMs: rotateAtMs + config.authRetryMs + 60_000,
	};

	const faults: FaultWindow[] = [];
	const actions: SoakAction[] = [];
	for (const spec of WINDOWS) {
		const fromMs = at(spec.from);
		const untilMs = at(spec.until);
		const shape =
			spec.pulse === undefined ? [[fromMs, untilMs] as [number, number]] : pulses(fromMs, untilMs, spec.pulse.onMs, spec.pulse.offMs);
		for (const tenant of SOAK_TENANTS) {
			const windows = tenant === rotation.tenant ? without(shape, rotateAtMs, rotation.calmUntilMs) : shape;
			for (const [index, [from, until]] of windows.entries()) {
				faults.push({
					label: spec.label,
					fromMs: from,
					untilMs: until,
					fault: spec.fault(index),
					tenant,
					...(spec.pathPrefix === undefined ? {} : {pathPrefix: spec.pathPrefix}),
					...(spec.count === undefined ? {} : {count: spec.count}),
				});
			}
		}

		if (spec.expireAtStart === true) {
			actions.push({kind: 'expire-tokens', atMs: fromMs + 200, reason: `during ${spec.label}`});
		}
	}

	// Every token dies every expireTokensEverySec, half a period out of step with the tokens' own lifetime.
	const period = config.expireTokensEverySec * 1000;
	for (let time = period / 2; time < length; time += period) {
		actions.push({kind: 'expire-tokens', atMs: Math.round(time), reason: 'periodic'});
	}

	// The rotation also ends the tokens already granted, so the rotated tenant's very next request meets the refusal,
	// whenever it comes in the window: a token granted just before the rotation would otherwise carry its requests past
	// the restore (rows out of view are polled less often than every second).
	actions.push(
		{kind: 'rotate', atMs: rotateAtMs, tenant: rotation.tenant},
		{kind: 'expire-tokens', atMs: rotateAtMs + 1, reason: 'with the rotation'},
		{kind: 'restore', atMs: restoreAtMs, tenant: rotation.tenant},
	);
	actions.sort((a, b) => a.atMs - b.atMs);
	const faultsEndMs = Math.max(0, ...faults.map(fault => fault.untilMs));
	return {faults, actions, faultsEndMs, rotation};
}

/** A window as the simulator takes it: times relative to the simulator's own start. */
export function toFaultRule(window: FaultWindow, simulatorOffsetMs: number): FaultRule {
	return {
		fault: window.fault,
		fromMs: window.fromMs + simulatorOffsetMs,
		untilMs: window.untilMs + simulatorOffsetMs,
		...(window.pathPrefix === undefined ? {} : {pathPrefix: window.pathPrefix}),
		...(window.count === undefined ? {} : {count: window.count}),
	};
}

/** Until when (epoch ms) a 429 fault answered to a request that arrived at `arrivedAt` asked the client to wait; undefined for other faults. */
export function retryAfterDeadline(fault: FaultKind, arrivedAt: number): number | undefined {
	if (fault.type !== 'status' || fault.status !== 429) {
		return undefined;
	}

	const seconds = fault.retryAfterSec ?? 2;
	// The simulator writes an HTTP date rounded up to the whole second.
	return fault.retryAfterDate === true ? Math.ceil((arrivedAt + seconds * 1000) / 1000) * 1000 : arrivedAt + seconds * 1000;
}
