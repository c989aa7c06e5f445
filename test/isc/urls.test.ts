import {describe, expect, it} from 'vitest';
import {BaseUrlError} from '../../source/isc/url-error.js';
import {isLoopbackHost, resolveBaseUrl, statusPath} from '../../source/isc/urls.js';

function failure(input: string): BaseUrlError {
	try {
		resolveBaseUrl(input);
	} catch (error) {
		if (error instanceof BaseUrlError) {
			return error;
		}

		throw error;
	}

	throw new Error(`resolveBaseUrl(${JSON.stringify(input)}) did not throw`);
}

describe('resolveBaseUrl', () => {
	it('turns a tenant name into its API host', () => {
		expect(resolveBaseUrl('acme')).toBe('https://acme.api.identitynow.com');
		expect(resolveBaseUrl('  Acme-SB ')).toBe('https://acme-sb.api.identitynow.com');
	});

	it('keeps full https URLs (vanity and demo hosts) and drops trailing slashes', () => {
		expect(resolveBaseUrl('https://acme.api.identitynow.com/')).toBe('https://acme.api.identitynow.com');
		expect(resolveBaseUrl('https://acme.api.identitynow-demo.com//')).toBe('https://acme.api.identitynow-demo.com');
		expect(resolveBaseUrl('https://iam.example.com:8443')).toBe('https://iam.example.com:8443');
		expect(resolveBaseUrl('HTTPS://IAM.Example.COM')).toBe('https://iam.example.com');
	});

	it('takes a bare host name as https', () => {
		expect(resolveBaseUrl('acme.api.identitynow.com')).toBe('https://acme.api.identitynow.com');
		expect(resolveBaseUrl('localhost:8443')).toBe('https://localhost:8443');
	});

	it('allows http only for loopback hosts', () => {
		expect(resolveBaseUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
		expect(resolveBaseUrl('http://127.5.6.7:80/')).toBe('http://127.5.6.7');
		expect(resolveBaseUrl('http://localhost:4010/')).toBe('http://localhost:4010');
		expect(resolveBaseUrl('http://[::1]:4010')).toBe('http://[::1]:4010');
	});

	it('refuses http for any other host and says what to use instead', () => {
		const error = failure('http://acme.api.identitynow.com');
		expect(error.message).toBe('http:// is only allowed for loopback hosts; use https://acme.api.identitynow.com');
		expect(failure('http://10.0.0.1:8080').message).toContain('use https://10.0.0.1:8080');
		expect(failure('http://127.0.0.1.nip.io').message).toContain('only allowed for loopback');
		expect(failure('http://localhost.example.com').message).toContain('only allowed for loopback');
	});

	it('refuses other schemes', () => {
		expect(failure('ftp://acme.example.com').message).toMatch(/^ftp:\/\/ URLs are not supported; use an https:\/\/ URL/);
		expect(failure('file:///etc/passwd').message).toContain('not supported');
	});

	it('refuses garbage with a one-line message that says what to pass', () => {
		for (const input of ['', '   ', 'acme corp', 'https://', 'acme/v2025', '-acme', 'https://exa mple.com']) {
			const error = failure(input);
			expect(error.message).not.toContain('\n');
			expect(error.message).toMatch(/tenant name|https:\/\//);
		}

		expect(failure('').message).toMatch(/^No tenant given/);
		expect(failure('acme corp').message).toMatch(/^"acme corp" is neither a tenant name nor a URL/);
	});

	it('refuses a path, query or fragment, offering the plain origin', () => {
		expect(failure('https://acme.api.identitynow.com/v2025').message).toBe(
			'The base URL must not have a path ("/v2025"); use https://acme.api.identitynow.com',
		);
		expect(failure('https://acme.api.identitynow.com/?x=1').message).toContain('use https://acme.api.identitynow.com');
		expect(failure('https://acme.api.identitynow.com#top').message).toContain('query or fragment');
	});

	it('refuses credentials in the URL without repeating them', () => {
		const error = failure('https://id:hunter2@acme.api.identitynow.com');
		expect(error.message).toContain('must not contain a user name or password');
		expect(error.message).not.toContain('hunter2');
		expect(error.input).not.toContain('hunter2');
	});
});

describe('isLoopbackHost', () => {
	it('knows 127.0.0.0/8, ::1 and localhost', () => {
		expect(['127.0.0.1', '127.255.255.254', '::1', '[::1]', 'localhost', 'LOCALHOST'].every(host => isLoopbackHost(host))).toBe(true);
		expect(['128.0.0.1', '127.0.0', '127.0.0.1.nip.io', '::2', 'example.com', '0.0.0.0'].some(host => isLoopbackHost(host))).toBe(false);
	});
});

describe('statusPath', () => {
	it('puts the version first for v2025, v2024 and beta', () => {
		expect(statusPath('v2025', 'abc')).toBe('/v2025/account-aggregations/abc/status');
		expect(statusPath('v2024', 'abc')).toBe('/v2024/account-aggregations/abc/status');
		expect(statusPath('beta', 'abc')).toBe('/beta/account-aggregations/abc/status');
	});

	it('uses the host-root v1 path', () => {
		expect(statusPath('v1', 'abc')).toBe('/account-aggregations/v1/abc/status');
	});

	it('URL-encodes the id', () => {
		expect(statusPath('v2025', 'a/b?c d')).toBe('/v2025/account-aggregations/a%2Fb%3Fc%20d/status');
		expect(statusPath('v1', '../x')).toBe('/account-aggregations/v1/..%2Fx/status');
	});
});
