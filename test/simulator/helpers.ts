import {startSimulator} from '../../source/simulator/server.js';
import type {SimAggregationPlan, Simulator, SimulatorOptions} from '../../source/simulator/types.js';

/** 2025-01-15 09:00:00 UTC: a fixed, readable epoch for the injected clocks. */
export const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);

export interface ManualClock {
	now: () => number;
	advance(ms: number): void;
	/** Sets the clock to `ms` after T0. */
	at(ms: number): void;
}

export function manualClock(start = T0): ManualClock {
	let time = start;
	return {
		now: () => time,
		advance(ms) {
			time += ms;
		},
		at(ms) {
			time = start + ms;
		},
	};
}

/** Starts simulators and closes every one of them after the test. */
export function simulators(): {start(options?: SimulatorOptions): Promise<Simulator>; closeAll(): Promise<void>} {
	const started: Simulator[] = [];
	return {
		async start(options) {
			const sim = await startSimulator(options);
			started.push(sim);
			return sim;
		},
		async closeAll() {
			await Promise.all(started.splice(0).map(sim => sim.close()));
		},
	};
}

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	/** The parsed body, or undefined when it is not JSON. */
	body: unknown;
}

async function answer(response: Response): Promise<Answer> {
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}

	return {status: response.status, headers: response.headers, text, body};
}

export async function requestToken(sim: Simulator, fields: Record<string, string>): Promise<Answer> {
	return answer(await fetch(`${sim.url}/oauth/token`, {method: 'POST', body: new URLSearchParams(fields)}));
}

/** A token for the default demo client (or the given one). Fails the test if the simulator refuses. */
export async function token(sim: Simulator, clientId = 'demo-client', clientSecret = 'demo-secret'): Promise<string> {
	const result = await requestToken(sim, {grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret});
	if (result.status !== 200) {
		throw new Error(`token endpoint answered ${result.status}: ${result.text}`);
	}

	return (result.body as {access_token: string}).access_token;
}

export async function get(sim: Simulator, path: string, bearer?: string, headers: Record<string, string> = {}): Promise<Answer> {
	return answer(
		await fetch(`${sim.url}${path}`, {
			headers: bearer === undefined ? headers : {...headers, authorization: `Bearer ${bearer}`},
		}),
	);
}

export async function post(sim: Simulator, path: string, bearer: string, body?: FormData): Promise<Answer> {
	return answer(await fetch(`${sim.url}${path}`, {method: 'POST', headers: {authorization: `Bearer ${bearer}`}, body}));
}

export function statusPath(id: string): string {
	return `/v2025/account-aggregations/${id}/status`;
}

/** A plan with readable defaults: starts at 0, collects 10 s, 1,000 accounts at 100/s, completes at 20 s. */
export function plan(id: string, overrides: Partial<SimAggregationPlan> = {}): SimAggregationPlan {
	return {
		id,
		sourceId: 'f'.repeat(32),
		sourceName: 'Workday',
		collectMs: 10_000,
		totalAccounts: 1000,
		accountsPerSecond: 100,
		outcome: {type: 'COMPLETED'},
		...overrides,
	};
}

/** Readable 32-hex ids for tests: id(1) = "000…001". */
export function id(n: number): string {
	return n.toString(16).padStart(32, '0');
}
