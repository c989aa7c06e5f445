/**
 * Figure: token requests over the 20-aggregation run, which the simulator runs with short-lived tokens, against
 * the run's length in token lifetimes. Budget: one per lifetime, plus one for refreshing a little before expiry.
 */
import {fixed, type Figure} from './figure.js';
import type {SteadyRun} from './steady-run.js';

export function tokenFigure(run: SteadyRun): Figure {
	const tokens = run.log.filter(entry => entry.method === 'POST' && entry.path === '/oauth/token');
	const rejected = run.log.filter(entry => entry.status === 401).length;
	const firstAt = tokens[0]?.at ?? run.spawnedAtEpoch;
	const seconds = (run.endedAtEpoch - firstAt) / 1000;
	const lifetimes = seconds / run.tokenLifetimeSec;
	const allowed = Math.ceil(lifetimes) + 1;
	const perLifetime = tokens.length / lifetimes;
	const gaps = tokens.slice(1).map((entry, index) => fixed((entry.at - (tokens[index]?.at ?? entry.at)) / 1000, 1));
	const notes = [
		`${tokens.length} in ${fixed(seconds, 0)} s of ${run.tokenLifetimeSec} s tokens (${fixed(lifetimes, 1)} lifetimes, ≤ ${allowed} allowed); gaps ${gaps.join(', ') || '-'} s`,
	];
	if (rejected > 0) {
		notes.push(`${rejected} request(s) answered 401 (token expired or revoked)`);
	}

	return {
		key: 'token_requests',
		name: 'Token requests (one tenant)',
		value: tokens.length,
		unit: 'requests',
		display: `${tokens.length} (${fixed(perLifetime, 2)}/lifetime)`,
		budget: `≤ 1 per ${run.tokenLifetimeSec} s lifetime (+1)`,
		ok: tokens.length >= 1 && tokens.length <= allowed,
		notes,
		details: {seconds, tokenLifetimeSec: run.tokenLifetimeSec, lifetimes, allowed, rejected401: rejected},
	};
}
