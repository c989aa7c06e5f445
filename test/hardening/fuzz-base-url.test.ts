import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {BaseUrlError} from '../../source/isc/url-error.js';
import {isLoopbackHost, resolveBaseUrl} from '../../source/isc/urls.js';
import {expectOnly, unicodeString} from './helpers/arbitraries.js';

/** Pieces of what people type for a tenant: schemes, hosts, ports, paths, queries, credentials, blanks. */
const scheme = fc.constantFrom(
	'',
	'https://',
	'http://',
	'HTTPS://',
	'Http://',
	'ftp://',
	'file://',
	'javascript:',
	'https:',
	'//',
	'https:///',
	'ws://',
);
const label = fc.stringMatching(/^[a-zA-Z\d]([a-zA-Z\d-]{0,10}[a-zA-Z\d])?$/);
const domain = fc.oneof(
	fc.array(label, {minLength: 1, maxLength: 4}).map(labels => labels.join('.')),
	fc.domain(),
	fc.constantFrom(
		'acme.api.identitynow.com',
		'localhost',
		'LOCALHOST',
		'localhost.',
		'localhost.example.com',
		'127.0.0.1.nip.io',
		'xn--caf-dma.example',
		'café.example',
		'EXAMPLE.com.',
	),
);
const ipv4 = fc.oneof(
	fc.ipV4(),
	fc.ipV4Extended(),
	fc.constantFrom('127.0.0.1', '127.1', '127.255.255.255', '0x7f.1', '2130706433', '0177.0.0.1', '1.2.3', '10.255.255.1', '0.0.0.0'),
);
const ipv6 = fc.oneof(
	fc.ipV6().map(address => `[${address}]`),
	fc.constantFrom('[::1]', '[0:0:0:0:0:0:0:1]', '[::ffff:127.0.0.1]', '[::]', '::1'),
);
const host = fc.oneof(domain, ipv4, ipv6);
const port = fc.oneof(
	fc.constant(''),
	fc.integer({min: 0, max: 70_000}).map(value => `:${value}`),
	fc.constantFrom(':', ':443', ':80', ':0080', ':08443', ':x'),
);
const userinfo = fc.oneof(fc.constant(''), fc.constantFrom('user@', 'user:pass@', ':@', '@'));
const tail = fc.constantFrom('', '/', '//', '/v2025', '/?', '?x=1', '#top', '/#', '/%2e%2e', ' ', '\t', '\n', '/ ');
const blank = fc.constantFrom('', ' ', '\t', '\n ', '\u00a0');

const nearUrl = fc.tuple(blank, scheme, userinfo, host, port, tail, blank).map(parts => parts.join(''));

/** Inputs that once broke the properties below: kept so every run tries them. */
const FOUND: Array<[string]> = [
	['xn--A'],
	['0.0'],
	['0.0.0.0:65536'],
	['localhost:99999'],
	['acme.example.com:0443'],
	['127.1:443'],
	['id:PW1234567@acme'],
];

const anyInput = fc.oneof(nearUrl, fc.webUrl({withQueryParameters: true, withFragments: true}), unicodeString(60), label);

/** What a normalised base URL looks like: its own origin, https or loopback http. */
function expectNormalised(result: string): void {
	const url = new URL(result);
	expect(`${url.protocol}//${url.host}`).toBe(result);
	expect(url.username).toBe('');
	expect(url.password).toBe('');
	if (url.protocol === 'http:') {
		expect(isLoopbackHost(url.hostname)).toBe(true);
	} else {
		expect(url.protocol).toBe('https:');
	}
}

describe('resolveBaseUrl on arbitrary input', () => {
	it('returns a normalised https URL or a loopback http URL, or throws a one-line BaseUrlError', () => {
		fc.assert(
			fc.property(anyInput, input => {
				const outcome = expectOnly(() => resolveBaseUrl(input), BaseUrlError);
				if ('value' in outcome) {
					expectNormalised(outcome.value);
				} else {
					expect(outcome.error.message).not.toMatch(/[\r\n]/);
				}
			}),
			{numRuns: 3000, examples: FOUND},
		);
	});

	it('is idempotent: a normalised URL is its own normal form', () => {
		fc.assert(
			fc.property(anyInput, input => {
				const outcome = expectOnly(() => resolveBaseUrl(input), BaseUrlError);
				if ('value' in outcome) {
					expect(resolveBaseUrl(outcome.value)).toBe(outcome.value);
				}
			}),
			{numRuns: 3000, examples: FOUND},
		);
	});

	it('never accepts http:// to a host that is not loopback', () => {
		const remote = fc.oneof(domain, ipv4, ipv6).filter(candidate => {
			try {
				return !isLoopbackHost(new URL(`http://${candidate}`).hostname);
			} catch {
				return true;
			}
		});
		fc.assert(
			fc.property(
				blank,
				fc.constantFrom('http://', 'HTTP://', 'http:'),
				remote,
				port,
				fc.constantFrom('', '/'),
				(before, httpScheme, where, portText, slash) => {
					const input = `${before}${httpScheme}${where}${portText}${slash}`;
					const outcome = expectOnly(() => resolveBaseUrl(input), BaseUrlError);
					if ('value' in outcome) {
						// Only possible where the "host" was not a host at all and the input read as something else.
						expect(outcome.value.startsWith('http:')).toBe(false);
					}
				},
			),
			{numRuns: 3000},
		);
	});

	it('accepts http:// for every loopback spelling', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.tuple(fc.nat({max: 255}), fc.nat({max: 255}), fc.nat({max: 255})).map(([a, b, c]) => `127.${a}.${b}.${c}`),
					fc.constantFrom('localhost', 'LocalHost', '[::1]', '127.1', '[0:0:0:0:0:0:0:1]'),
				),
				fc.integer({min: 1, max: 65_535}),
				(loopback, portNumber) => {
					const result = resolveBaseUrl(`http://${loopback}:${portNumber}/`);
					expect(result.startsWith('http://')).toBe(true);
					expectNormalised(result);
				},
			),
		);
	});

	it('never repeats a password typed into the URL in its message', () => {
		const password = fc.stringMatching(/^[A-Za-z\d]{8,20}$/).map(text => `PW${text}`);
		fc.assert(
			fc.property(blank, scheme, password, host, port, tail, (before, schemeText, secret, where, portText, tailText) => {
				const input = `${before}${schemeText}client:${secret}@${where}${portText}${tailText}`;
				const outcome = expectOnly(() => resolveBaseUrl(input), BaseUrlError);
				expect('error' in outcome).toBe(true);
				if ('error' in outcome) {
					expect(outcome.error.message).not.toContain(secret);
					expect((outcome.error as BaseUrlError).input).not.toContain(secret);
				}
			}),
			{numRuns: 3000},
		);
	});
});
