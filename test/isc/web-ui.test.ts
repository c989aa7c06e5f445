/** Where `o` goes: the ISC web UI's host from the API's, and the admin page of a source. */
import {describe, expect, it} from 'vitest';
import {sourcePagePath, webUiOrigin} from '../../source/isc/web-ui.js';

describe('webUiOrigin', () => {
	it('drops the api label of ISC hosts, demo tenants included', () => {
		expect(webUiOrigin('https://acme.api.identitynow.com')).toBe('https://acme.identitynow.com');
		expect(webUiOrigin('https://acme-sb.api.identitynow-demo.com/')).toBe('https://acme-sb.identitynow-demo.com');
		expect(webUiOrigin('https://acme.api.identitynow.com:8443')).toBe('https://acme.identitynow.com:8443');
	});

	it('a loopback base URL (the simulated tenant) is its own UI', () => {
		expect(webUiOrigin('http://127.0.0.1:45011')).toBe('http://127.0.0.1:45011');
		expect(webUiOrigin('http://localhost:8080/')).toBe('http://localhost:8080');
	});

	it('cannot tell for other hosts, nor from something that is no URL', () => {
		expect(webUiOrigin('https://isc.example.com')).toBeUndefined();
		expect(webUiOrigin('https://api.example.com')).toBeUndefined();
		expect(webUiOrigin('acme')).toBeUndefined();
	});
});

it("a source's page is under Admin > Connections > Sources", () => {
	expect(sourcePagePath('2c9180835d2e5168015d32f890ca1581')).toBe('/ui/a/admin/connections/sources/2c9180835d2e5168015d32f890ca1581');
	expect(sourcePagePath('a/b')).toBe('/ui/a/admin/connections/sources/a%2Fb');
});
