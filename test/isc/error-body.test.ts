import {describe, expect, it} from 'vitest';
import {parseErrorBody, toIscError} from '../../source/isc/error-body.js';

const NOW = Date.parse('2025-01-31T14:30:00.000Z');

const DTO = JSON.stringify({
	detailCode: '500.0 Internal Fault',
	trackingId: 'b21b1f7ce4da4d639f2c62a57171b427',
	messages: [
		{locale: 'de-DE', localeOrigin: 'REQUEST', text: 'Ein interner Fehler ist aufgetreten.'},
		{locale: 'en-US', localeOrigin: 'DEFAULT', text: 'An internal fault occurred.'},
	],
});

describe('parseErrorBody', () => {
	it('reads the {error} shape of 400/401', () => {
		expect(parseErrorBody('{"error":"JWT validation failed: JWT is expired"}')).toEqual({
			text: 'JWT validation failed: JWT is expired',
			error: 'JWT validation failed: JWT is expired',
		});
		expect(parseErrorBody('{"error":"invalid_client","error_description":"Bad credentials"}')).toEqual({
			text: 'Bad credentials (invalid_client)',
			error: 'invalid_client',
		});
	});

	it('reads the {message} shape of 429, trimmed', () => {
		expect(parseErrorBody('{"message":" Rate Limit Exceeded "}')).toEqual({text: 'Rate Limit Exceeded'});
	});

	it('reads ErrorResponseDto, preferring the en-US text', () => {
		expect(parseErrorBody(DTO)).toEqual({
			text: 'An internal fault occurred.',
			detailCode: '500.0 Internal Fault',
			trackingId: 'b21b1f7ce4da4d639f2c62a57171b427',
		});
	});

	it('falls back to the first message when none is en-US', () => {
		const body = JSON.stringify({
			messages: [
				{locale: 'fr-FR', text: 'Introuvable'},
				{locale: null, text: 'Other'},
			],
		});
		expect(parseErrorBody(body).text).toBe('Introuvable');
	});

	it('scrapes what it can from a truncated body', () => {
		expect(parseErrorBody(DTO.slice(0, 120))).toEqual({
			detailCode: '500.0 Internal Fault',
			trackingId: 'b21b1f7ce4da4d639f2c62a57171b427',
		});
	});

	it('yields nothing from empty, HTML or non-object bodies, and never throws', () => {
		for (const raw of [
			'',
			'<html><body><h1>502 Bad Gateway</h1></body></html>',
			'null',
			'[1,2]',
			'"text"',
			'{"messages": "x"}',
			'{"error": 5}',
		]) {
			expect(parseErrorBody(raw)).toEqual({});
		}
	});

	it('flattens control characters and bounds the length', () => {
		const text = parseErrorBody(JSON.stringify({message: `line one\n\u001b[31mred\u001b[0m ${'x'.repeat(500)}`})).text ?? '';
		expect(text).toMatch(/^line one \[31mred \[0m x+…$/);
		expect(text.length).toBe(200);
	});
});

describe('toIscError', () => {
	it('maps each status to its kind', () => {
		const kinds = [400, 401, 403, 404, 409, 429, 500, 502, 503, 302].map(status => toIscError(status, '', {}, NOW).kind);
		expect(kinds).toEqual([
			'request',
			'auth',
			'forbidden',
			'not-found',
			'request',
			'rate-limited',
			'server',
			'server',
			'server',
			'bad-response',
		]);
	});

	it('keeps status, detailCode and trackingId, and puts the tenant text in the message', () => {
		const error = toIscError(500, DTO, {}, NOW);
		expect(error.status).toBe(500);
		expect(error.trackingId).toBe('b21b1f7ce4da4d639f2c62a57171b427');
		expect(error.detailCode).toBe('500.0 Internal Fault');
		expect(error.message).toBe('ISC server error: An internal fault occurred.');
	});

	it('names the subject of a 404', () => {
		const body = JSON.stringify({detailCode: '404 Not found', trackingId: 't', messages: [{locale: 'en-US', text: 'Not there.'}]});
		expect(toIscError(404, body, {}, NOW, {subject: 'Aggregation abc'}).message).toBe('Aggregation abc was not found: Not there.');
	});

	it('reads Retry-After on a 429, in seconds or as a date', () => {
		const seconds = toIscError(429, '{"message":"Rate Limit Exceeded"}', {'retry-after': '2'}, NOW);
		expect(seconds.retryAfterMs).toBe(2000);
		expect(seconds.message).toBe('ISC rate limit reached: Rate Limit Exceeded; retry after 2 s');
		expect(toIscError(429, '', {'retry-after': 'Fri, 31 Jan 2025 14:30:09 GMT'}, NOW).retryAfterMs).toBe(9000);
		expect(toIscError(429, '', {'retry-after': ['3', '4']}, NOW).retryAfterMs).toBe(3000);
		expect(toIscError(429, '', {'retry-after': 'later'}, NOW).retryAfterMs).toBeUndefined();
	});

	it('on the token endpoint, treats 400 and 401 as auth and names where the credentials came from', () => {
		const source = {clientId: 'SAIL_CLIENT_ID', clientSecret: 'SAIL_CLIENT_SECRET'};
		for (const status of [400, 401]) {
			const error = toIscError(status, '{"error":"invalid_client","error_description":"Bad credentials"}', {}, NOW, {
				endpoint: 'token',
				credentialSource: source,
			});
			expect(error.kind).toBe('auth');
			expect(error.message).toBe(
				'ISC refused the client credentials from SAIL_CLIENT_ID and SAIL_CLIENT_SECRET: Bad credentials (invalid_client)',
			);
			expect(error.hint).toMatch(/^Check SAIL_CLIENT_ID and SAIL_CLIENT_SECRET/);
		}

		const flags = toIscError(401, '', {}, NOW, {
			endpoint: 'token',
			credentialSource: {clientId: '--client-id', clientSecret: 'standard input'},
		});
		expect(flags.message).toContain('--client-id and standard input');
	});

	it('never lets a secret through, even when the tenant echoes it', () => {
		const secret = 's3cr3t-value-123';
		const error = toIscError(401, JSON.stringify({error: 'invalid_client', error_description: `bad secret ${secret}`}), {}, NOW, {
			endpoint: 'token',
			secrets: [secret, ''],
		});
		expect(error.message).not.toContain(secret);
		expect(error.hint ?? '').not.toContain(secret);
		expect(error.message).toContain('[redacted]');
		expect(JSON.stringify(error.toInfo())).not.toContain(secret);
	});

	it('says when a 401 survived a token refresh', () => {
		expect(toIscError(401, '{"error":"JWT is expired"}', {}, NOW, {afterRefresh: true}).message).toBe(
			'ISC rejected a freshly issued access token: JWT is expired',
		);
	});
});
