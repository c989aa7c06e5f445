/**
 * The built monitor on a tenant whose TLS certificate is not trusted (signed by a CA the process was not given, as
 * behind a proxy that inspects TLS): the tenant stops once, with one message naming NODE_EXTRA_CA_CERTS, as for
 * failing credentials; its rows say "tls", and are not each retried with a backoff of their own.
 */
import https from 'node:https';
import {describe, expect, it} from 'vitest';
import {monitorE2e} from '../helpers/e2e.js';
import {listenForTest, testServerTls} from '../tenants/fixtures.js';

const IDS = ['c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1', 'c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2', 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3'];
/** How long the monitor is watched after the message: with a backoff per row, each row would have been tried again. */
const WATCH_MS = 6000;

const e2e = monitorE2e({}, 'aggwatch-e2e-tls-');

describe('an untrusted TLS certificate in the monitor (built CLI)', () => {
	it('stops the tenant once, with one message naming NODE_EXTRA_CA_CERTS; the rows are not retried one by one', async () => {
		let connections = 0;
		const server = https.createServer(testServerTls(), (_request, response) => {
			response.writeHead(500).end();
		});
		server.on('connection', () => connections++);
		const url = `https://127.0.0.1:${await listenForTest(server)}`;
		const pty = e2e.launch(IDS, {cols: 160, rows: 24}, {SAIL_BASE_URL: url, NODE_EXTRA_CA_CERTS: undefined});
		await pty.waitFor('the tenant stopped', () => pty.screenText().includes('TLS certificate not trusted'));
		const stoppedAt = Date.now();
		const seen = connections;
		await pty.waitFor('a few seconds more', () => Date.now() - stoppedAt >= WATCH_MS, WATCH_MS + 5000);
		const screen = pty.screenText();
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);

		// One message, naming what to do.
		expect(screen.match(/TLS certificate not trusted/g)).toHaveLength(1);
		expect(screen).toContain('NODE_EXTRA_CA_CERTS');
		// Each row says why it is not polled; none carries a network error of its own.
		const rows = screen.split('\n').filter(line => IDS.some(id => line.includes(id.slice(0, 8))));
		expect(rows).toHaveLength(IDS.length);
		for (const line of rows) {
			expect(line).toMatch(/\btls\b/);
			expect(line).not.toMatch(/\bnet\b/);
		}

		// Nothing more after the stop: the next probe is minutes away.
		expect(connections).toBe(seen);
	}, 60_000);
});
