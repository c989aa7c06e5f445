/**
 * Preloaded into a CLI child (NODE_OPTIONS=--import=<this file>) by the network tests. Every outgoing TCP
 * connection (http, https, through got or not: they all end in net.Socket#connect) is written to the file named
 * by AGGWATCH_TEST_CONNECT_LOG, one `host port` line each. Connections the guard does not allow are destroyed
 * before a packet is sent, so a test can point the CLI at an address it must never reach and still send nothing.
 *
 * AGGWATCH_TEST_CONNECT_ALLOW=loopback (default) lets 127.0.0.0/8, ::1 and localhost through; `none` blocks all.
 */
import {appendFileSync} from 'node:fs';
import net from 'node:net';
import process from 'node:process';

const logFile = process.env.AGGWATCH_TEST_CONNECT_LOG;
const allow = process.env.AGGWATCH_TEST_CONNECT_ALLOW ?? 'loopback';

function isLoopback(host) {
	return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function target(args) {
	const first = Array.isArray(args[0]) ? args[0][0] : args[0];
	if (first !== null && typeof first === 'object') {
		return {host: first.host ?? (first.path === undefined ? 'localhost' : `unix:${first.path}`), port: first.port};
	}

	return typeof first === 'string' && Number.isNaN(Number(first))
		? {host: `unix:${first}`, port: undefined}
		: {host: args[1] ?? 'localhost', port: first};
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
	const {host, port} = target(args);
	if (logFile !== undefined) {
		appendFileSync(logFile, `${host} ${port}\n`);
	}

	if (allow === 'none' || !isLoopback(String(host))) {
		process.nextTick(() => {
			this.destroy(Object.assign(new Error(`connection to ${host}:${port} blocked by the test's connect guard`), {code: 'ECONNREFUSED'}));
		});
		return this;
	}

	return connect.apply(this, args);
};
