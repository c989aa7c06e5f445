import {describe, expect, it} from 'vitest';
import {formatRequestLogEntry} from '../../source/isc/debug-log.js';

describe('formatRequestLogEntry', () => {
	it('writes one line with time, method, URL, status, duration and attempt', () => {
		expect(
			formatRequestLogEntry({at: Date.parse('2025-01-31T14:30:05.104Z'), method: 'GET', url: 'https://acme.api.identitynow.com/v2025/x', status: 200, durationMs: 123.4, attempt: 1}),
		).toBe('2025-01-31T14:30:05.104Z GET https://acme.api.identitynow.com/v2025/x 200 123ms attempt 1');
	});

	it('shows a missing answer and the error kind and code', () => {
		expect(
			formatRequestLogEntry({at: 0, method: 'GET', url: 'u', durationMs: 5000, attempt: 3, errorKind: 'network', errorCode: 'ETIMEDOUT'}),
		).toBe('1970-01-01T00:00:00.000Z GET u --- 5000ms attempt 3 network ETIMEDOUT');
	});
});
