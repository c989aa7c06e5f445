import type {FaultKind, FaultRule} from './types.js';
import {errorResponseDto, json, oauthError, rateLimited, unauthorized, type Reply} from './reply.js';

interface ActiveRule {
	rule: FaultRule;
	/** Matching requests it may still answer; Infinity when the rule has no count. */
	remaining: number;
}

/** The fault rules in force. The first active rule that matches a request answers it. */
export class FaultBook {
	#rules: ActiveRule[] = [];

	add(rule: FaultRule): void {
		this.#rules.push({rule, remaining: rule.count ?? Number.POSITIVE_INFINITY});
	}

	clear(): void {
		this.#rules = [];
	}

	/** Picks (and spends one use of) the rule for a request to `path`, `elapsedMs` after the simulator started. */
	take(path: string, elapsedMs: number): FaultKind | undefined {
		for (const active of this.#rules) {
			const {rule} = active;
			if (active.remaining <= 0) {
				continue;
			}

			if (rule.pathPrefix !== undefined && !path.startsWith(rule.pathPrefix)) {
				continue;
			}

			if ((rule.fromMs !== undefined && elapsedMs < rule.fromMs) || (rule.untilMs !== undefined && elapsedMs >= rule.untilMs)) {
				continue;
			}

			active.remaining--;
			return rule.fault;
		}

		return undefined;
	}
}

const STATUS_PATH = /\/status$/;

/** The answer for a `status` fault: the status code with the body ISC sends for it. */
export function statusFaultReply(fault: Extract<FaultKind, {type: 'status'}>, path: string, now: number): Reply {
	const isToken = path.startsWith('/oauth/token');
	switch (fault.status) {
		case 429: {
			const seconds = fault.retryAfterSec ?? 2;
			if (fault.retryAfterDate === true) {
				// An HTTP date has whole seconds: round up so the client never retries early.
				const date = new Date(Math.ceil((now + seconds * 1000) / 1000) * 1000);
				return rateLimited(date.toUTCString());
			}

			return rateLimited(String(seconds));
		}

		case 401: {
			return isToken ? oauthError(401, 'unauthorized', 'Bad credentials') : unauthorized('JWT validation failed: JWT is expired');
		}

		case 400: {
			if (isToken) {
				return oauthError(400, 'invalid_request', 'Bad request');
			}

			// The status operation documents its 400 with the 401 body shape.
			return STATUS_PATH.test(path) ? json(400, {error: 'Bad request'}) : errorResponseDto(400);
		}

		default: {
			return errorResponseDto(fault.status);
		}
	}
}

/** A 200 whose JSON breaks the contract for the endpoint asked (wrong types where numbers or arrays belong). */
export function malformedReply(path: string): Reply {
	if (path.startsWith('/oauth/token')) {
		return json(200, {access_token: 12_345, token_type: 'bearer', expires_in: 'soon'});
	}

	if (STATUS_PATH.test(path)) {
		return json(200, {start: 'yesterday-ish', status: 'ACCOUNTS_COLLECTED', totalAccounts: -5, processedAccounts: 'lots'});
	}

	return json(200, {items: 'lots', count: 'many'});
}

/** A 200 carrying an HTML page, as a proxy or maintenance page would. */
export function nonJsonReply(): Reply {
	return {
		status: 200,
		raw: {
			contentType: 'text/html; charset=utf-8',
			text:
				'<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head>' +
				'<body><h1>Service temporarily unavailable</h1><p>Please try again later.</p></body></html>\n',
		},
	};
}

/** A 200 that ends after half of a plausible JSON body (the response itself ends cleanly). */
export function truncatedReply(path: string): Reply {
	const whole = STATUS_PATH.test(path)
		? JSON.stringify({start: new Date(0).toISOString(), status: 'ACCOUNTS_COLLECTED', totalAccounts: 1000, processedAccounts: 500})
		: JSON.stringify([{id: '0'.repeat(32), name: 'Truncated'}]);
	return {status: 200, raw: {contentType: 'application/json;charset=utf-8', text: whole.slice(0, Math.floor(whole.length / 2))}};
}
