import {appendFileSync} from 'node:fs';
import process from 'node:process';
import type {ParsedCommandLine} from './args.js';
import {stringOption} from './args.js';
import {resolveConnection, type Connection} from './connection.js';
import type {CommandContext} from '../commands/context.js';
import type {IscClient} from '../isc/client.js';
import {formatDuration} from '../core/durations.js';

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk as Buffer);
	}

	return Buffer.concat(chunks).toString('utf8');
}

/** Builds the context commands run in. `connect()` is lazy: --help and usage errors never touch the network. */
export function createContext(parsed: ParsedCommandLine): CommandContext & {cleanup(): Promise<void>} {
	const cleanups: Array<() => Promise<void> | void> = [];
	let connected: Promise<{client: IscClient; connection: Connection}> | undefined;
	const debugFile = stringOption(parsed.values, 'debug');

	const context: CommandContext & {cleanup(): Promise<void>} = {
		values: parsed.values,
		env: process.env,
		cwd: process.cwd(),
		out(line) {
			process.stdout.write(`${line}\n`);
		},
		error(line) {
			process.stderr.write(`aggwatch: ${line}\n`);
		},
		warn(line) {
			process.stderr.write(`aggwatch: warning: ${line}\n`);
		},
		now: () => Date.now(),
		onCleanup(fn) {
			cleanups.push(fn);
		},
		async cleanup() {
			for (const fn of cleanups.reverse()) {
				await fn();
			}
		},
		connect() {
			connected ??= (async () => {
				let connection: Connection;
				if (parsed.values.demo === true) {
					const {startDemoTenant} = await import('../commands/demo-tenant.js');
					const demo = await startDemoTenant();
					cleanups.push(() => demo.close());
					connection = demo.connection;
				} else {
					connection = await resolveConnection({values: parsed.values, env: process.env, cwd: process.cwd(), readStdin});
				}

				const {IscClient} = await import('../isc/client.js');
				const client = new IscClient(
					{
						baseUrl: connection.baseUrl,
						clientId: connection.clientId,
						clientSecret: connection.clientSecret,
						credentialSource: {clientId: connection.source.clientId, clientSecret: connection.source.clientSecret},
					},
					{
						apiVersion: connection.apiVersion,
						onRetry(decision) {
							context.warn(`${decision.error.message}; retrying in ${formatDuration(decision.delayMs)} (attempt ${decision.attempt + 1})`);
						},
						...(debugFile
							? {
									onRequest(entry) {
										appendFileSync(debugFile, `${JSON.stringify({time: new Date().toISOString(), ...entry})}\n`, {mode: 0o600});
									},
								}
							: {}),
					},
				);
				return {client, connection};
			})();
			return connected;
		},
	};
	return context;
}
