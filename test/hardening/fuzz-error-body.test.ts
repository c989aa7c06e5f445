import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseErrorBody, statusKind, toIscError, type ErrorContext, type HeaderBag} from '../../source/isc/error-body.js';
import {IscError} from '../../source/domain/errors.js';
import {bodyText, CONTROL, unicodeString} from './helpers/arbitraries.js';

const NOW = Date.UTC(2025, 4, 1, 12, 0, 0);

/** Every field parseErrorBody returns is one printable line of at most 200 characters. */
function expectPrintable(value: string | undefined): void {
	if (value === undefined) {
		return;
	}

	expect(value).not.toBe('');
	expect(value).not.toMatch(CONTROL);
	expect(value.trim()).toBe(value);
	expect(value.length).toBeLessThanOrEqual(200);
}

/** What parseErrorBody does to a text field: one line, runs of blanks and controls as one space, at most 200. */
function cleaned(text: string): string | undefined {
	const single = text
		.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return single === '' ? undefined : single;
}

const word = fc.stringMatching(/^[A-Za-z][\w .,:'-]{0,60}$/);
const locale = fc.constantFrom('en-US', 'en-us', 'de-DE', 'fr-FR', 'es', undefined);

const oauthBody = fc.record({error: word, error_description: fc.option(word, {nil: undefined})}, {requiredKeys: ['error']});
const rateLimitBody = fc.record({message: word});
const dtoBody = fc.record({
	detailCode: fc.constantFrom('400.1 Bad Request Content', '403 Forbidden', '404 Not found', '500.0 Internal Fault'),
	trackingId: fc.stringMatching(/^[\da-f]{32}$/),
	messages: fc.array(fc.record({locale, localeOrigin: fc.constantFrom('DEFAULT', 'REQUEST'), text: word}, {requiredKeys: ['text']}), {
		maxLength: 3,
	}),
});

const allStatuses = fc.oneof(fc.integer({min: 100, max: 599}), fc.constantFrom(0, -1, 600, 999, 1.5));

describe('parseErrorBody', () => {
	it('never throws, and every field it returns is one printable line', () => {
		fc.assert(
			fc.property(bodyText, raw => {
				const body = parseErrorBody(raw);
				expect(Object.keys(body).every(key => ['text', 'detailCode', 'trackingId', 'error'].includes(key))).toBe(true);
				for (const value of Object.values(body)) {
					expect(typeof value).toBe('string');
					expectPrintable(value);
				}
			}),
			{numRuns: 1500},
		);
	});

	it('reads {error, error_description} (token endpoint, 400, 401)', () => {
		fc.assert(
			fc.property(oauthBody, shape => {
				const body = parseErrorBody(JSON.stringify(shape));
				const error = cleaned(shape.error);
				const description = shape.error_description === undefined ? undefined : cleaned(shape.error_description);
				expect(body.error).toBe(error);
				if (description === undefined) {
					expect(body.text).toBe(error);
				} else {
					expect(body.text).toContain(description);
				}
			}),
		);
	});

	it('reads {message} (429)', () => {
		fc.assert(
			fc.property(rateLimitBody, shape => {
				expect(parseErrorBody(JSON.stringify(shape)).text).toBe(cleaned(shape.message));
			}),
		);
	});

	it('reads ErrorResponseDto: tracking id, detail code, the en-US message (else the first)', () => {
		fc.assert(
			fc.property(dtoBody, shape => {
				const body = parseErrorBody(JSON.stringify(shape));
				expect(body.trackingId).toBe(shape.trackingId);
				expect(body.detailCode).toBe(shape.detailCode);
				const english = shape.messages.find(message => message.locale?.toLowerCase() === 'en-us') ?? shape.messages[0];
				expect(body.text).toBe(english === undefined ? undefined : cleaned(english.text));
			}),
		);
	});

	it('keeps the tracking id of an ErrorResponseDto cut short, or reports none; never a wrong one', () => {
		fc.assert(
			fc.property(dtoBody, fc.double({min: 0, max: 1, noNaN: true}), (shape, fraction) => {
				const full = JSON.stringify(shape);
				const body = parseErrorBody(full.slice(0, Math.floor(full.length * fraction)));
				if (body.trackingId !== undefined) {
					expect(body.trackingId).toBe(shape.trackingId);
				}
			}),
		);
	});
});

describe('toIscError', () => {
	const headers: fc.Arbitrary<HeaderBag> = fc.record(
		{
			'retry-after': fc.oneof(
				fc.nat({max: 3600}).map(String),
				unicodeString(30),
				fc.date({noInvalidDate: true}).map(date => date.toUTCString()),
			),
			'content-type': fc.constant('application/json'),
		},
		{requiredKeys: []},
	);
	const context: fc.Arbitrary<ErrorContext> = fc.record(
		{
			endpoint: fc.constantFrom('token' as const, 'api' as const),
			subject: fc.option(word, {nil: undefined}),
			afterRefresh: fc.boolean(),
		},
		{requiredKeys: []},
	);
	const anyBody = fc.oneof(
		bodyText,
		oauthBody.map(shape => JSON.stringify(shape)),
		rateLimitBody.map(shape => JSON.stringify(shape)),
		dtoBody.map(shape => JSON.stringify(shape)),
	);

	it('maps every status and any body to an IscError of the kind the status calls for', () => {
		fc.assert(
			fc.property(allStatuses, anyBody, headers, context, (status, raw, headerBag, errorContext) => {
				const error = toIscError(status, raw, headerBag, NOW, errorContext);
				expect(error).toBeInstanceOf(IscError);
				expect(error.kind).toBe(statusKind(status, errorContext.endpoint) ?? 'bad-response');
				expect(error.status).toBe(status);
				expect(error.message).not.toMatch(CONTROL);
				expect(error.message.length).toBeLessThan(600);
				if (error.retryAfterMs !== undefined) {
					expect(error.kind).toBe('rate-limited');
					expect(Number.isFinite(error.retryAfterMs)).toBe(true);
					expect(error.retryAfterMs).toBeGreaterThanOrEqual(0);
				}

				// The plain copy for --json and the store holds no functions or undefined values.
				expect(JSON.parse(JSON.stringify(error.toInfo()))).toEqual(error.toInfo());
			}),
			{numRuns: 1500},
		);
	});

	it('maps the documented statuses (every code from 100 to 599)', () => {
		for (let status = 100; status <= 599; status++) {
			for (const endpoint of ['api', 'token'] as const) {
				const kind = toIscError(status, '', {}, NOW, {endpoint}).kind;
				const expected =
					status === 401 || (endpoint === 'token' && status === 400)
						? 'auth'
						: status === 403
							? 'forbidden'
							: status === 404
								? 'not-found'
								: status === 429
									? 'rate-limited'
									: status >= 500
										? 'server'
										: status >= 400
											? 'request'
											: status >= 200 && status <= 299
												? undefined
												: 'bad-response';
				expect(kind).toBe(expected ?? 'bad-response');
			}
		}
	});

	it('keeps the tracking id of an ErrorResponseDto for every status', () => {
		fc.assert(
			fc.property(fc.integer({min: 300, max: 599}), dtoBody, (status, shape) => {
				expect(toIscError(status, JSON.stringify(shape), {}, NOW).trackingId).toBe(shape.trackingId);
			}),
		);
	});

	/**
	 * A tenant that echoes what it was sent puts the client secret (or a token) into its error body. Nothing of it
	 * may reach the message or the hint, not even the start of it where a long text is cut to 200 characters.
	 * Secrets are drawn from characters the messages themselves never use (upper-case Q, X, Z and digits), the
	 * padding around them from lower case, so any 6 characters of the secret in the output came from the secret.
	 */
	it('never lets a secret from the body into the message, the hint or the ids, not even cut short', () => {
		const secret = fc.stringMatching(/^[QXZ\d]{12,40}$/).filter(text => /[QXZ]/.test(text));
		const padding = fc.stringMatching(/^[a-z ]{0,260}$/);
		const field = fc.constantFrom('error', 'error_description', 'message', 'text', 'trackingId', 'detailCode');
		fc.assert(
			fc.property(
				fc.integer({min: 100, max: 599}),
				secret,
				padding,
				padding,
				field,
				fc.boolean(),
				context,
				(status, value, before, after, where, asJson, errorContext) => {
					const inner = `${before}${value}${after}`;
					const shape = where === 'text' ? {messages: [{locale: 'en-US', text: inner}]} : {[where]: inner};
					const raw = asJson ? JSON.stringify(shape) : JSON.stringify(shape).slice(0, -1);
					const error = toIscError(status, raw, {}, NOW, {...errorContext, secrets: ['some-other-token', value]});
					const shown = [error.message, error.hint ?? '', error.trackingId ?? '', error.detailCode ?? ''].join('\n');
					for (let start = 0; start + 6 <= value.length; start++) {
						expect(shown).not.toContain(value.slice(start, start + 6));
					}
				},
			),
			{
				numRuns: 1500,
				// Once leaked: the start of a secret where a long text is cut, and a secret echoed as the tracking id.
				examples: [
					[401, 'Q1X2Z3Q4X5Z6Q7X8', `${'a'.repeat(190)} `, '', 'error', true, {endpoint: 'token'}],
					[404, 'QXZ123456789', '', '', 'trackingId', true, {}],
				],
			},
		);
	});
});
