import {appendFileSync} from 'node:fs';
import process from 'node:process';
import type {ParsedCommandLine} from '../commands/options.js';
import {stringOption} from '../commands/options.js';
import {chooseTenant, resolveConnection, type Connection, type SavedTenants} from '../commands/connection.js';
import {createPrompter} from './prompt.js';
import {type Prompter} from '../commands/prompter.js';
import type {CliContext} from '../commands/context.js';
import type {IscClient} from '../isc/client.js';
import {checkDebugFile, debugWriter} from './debug-file.js';
import {proxyFor} from '../isc/proxy.js';
import {resolveBaseUrl} from '../isc/urls.js';
import {formatDuration} from '../core/durations.js';
import type {openStore, Prefs, TenantRecord, TrackedStore} from '../store/config.js';
import {readSavedSettings, type SavedSettings} from '../store/saved-settings.js';
import {SecretStore} from '../store/secrets.js';
import {StoreError} from '../store/errors.js';
import {NOTIFY_SECRET_NAME} from '../commands/notify-secret.js';

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk as Buffer);
	}

	return Buffer.concat(chunks).toString('utf8');
}

/**
 * Builds the context commands run in. Everything is lazy: --help and usage errors never touch the disk or the network.
 * `storeOpener` is store/config.ts's openStore, loaded by the caller for commands that write the store; without it
 * (status, wait, …) conf is never loaded and saved tenants are read through the read-only path, unless the file
 * needs the full store (a migration, a file to set aside), which connect() then loads.
 */
export function createContext(parsed: ParsedCommandLine, storeOpener?: typeof openStore): CliContext & {cleanup(): Promise<void>} {
	const cleanups: Array<() => Promise<void> | void> = [];
	let cleanedUp = false;
	/** Something to close on exit; made after cleanup() ran (a lazy connect still under way then), closed at once. */
	const addCleanup = (fn: () => Promise<void> | void): void => {
		if (cleanedUp) {
			void Promise.resolve()
				.then(fn)
				.catch(() => undefined);
		} else {
			cleanups.push(fn);
		}
	};
	let opener = storeOpener;
	let settings: SavedSettings | undefined;
	/** Saved tenants and the default: from the store once it is loaded, else from the read-only path. */
	const saved = (): {
		tenants: Record<string, TenantRecord>;
		defaultTenant: string | undefined;
		keychainId: string | undefined;
		prefs: Prefs;
	} => {
		if (opener !== undefined) {
			const opened = context.openStore();
			return {
				tenants: opened.listTenants(),
				defaultTenant: opened.getDefaultTenant(),
				keychainId: opened.getKeychainId(),
				prefs: opened.getPrefs(),
			};
		}

		settings ??= readSavedSettings();
		if (!settings.usable) {
			throw new StoreError(`cannot read saved tenants from ${settings.file}: ${settings.reason}; run "aggwatch tenant list" to repair it`);
		}

		return settings;
	};

	let connected: Promise<{client: IscClient; connection: Connection}> | undefined;
	let store: TrackedStore | undefined;
	let secrets: SecretStore | undefined;
	const debugFile = stringOption(parsed.values, 'debug');
	if (debugFile !== undefined) {
		// Before anything else: an unwritable log must not turn every request into a failure.
		checkDebugFile(debugFile);
	}

	const demo = parsed.values.demo === true;
	// Made on first use: standard input is not touched by commands that never ask anything.
	let prompter: Prompter | undefined;
	addCleanup(() => {
		prompter?.close();
	});

	const context: CliContext & {cleanup(): Promise<void>} = {
		values: parsed.values,
		env: process.env,
		cwd: process.cwd(),
		get prompt() {
			prompter ??= createPrompter({input: process.stdin, output: process.stderr});
			return prompter;
		},
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
			addCleanup(fn);
		},
		async cleanup() {
			// A connection still being made (the monitor's demo tenant starts on the first poll) finishes first, so
			// what it opens is closed in order with the rest.
			await connected?.catch(() => undefined);
			cleanedUp = true;
			for (const fn of cleanups.splice(0).reverse()) {
				await fn();
			}
		},
		openStore() {
			if (store === undefined) {
				if (opener === undefined) {
					throw new Error('the store module was not loaded for this command');
				}

				const opened = opener({demo, onWarning: line => context.warn(line)});
				for (const warning of opened.warnings) {
					context.warn(warning);
				}

				store = opened.store;
				const current = store;
				addCleanup(() => {
					current.close();
				});
			}

			return store;
		},
		secrets() {
			secrets ??= new SecretStore({
				env: process.env,
				onWarning: line => context.warn(line),
				// The keychain's own words go to --debug; messages say what they mean (store/keychain-problem.ts).
				...(debugFile
					? {onDebug: entry => appendFileSync(debugFile, `${JSON.stringify({time: new Date().toISOString(), ...entry})}\n`, {mode: 0o600})}
					: {}),
			});
			return secrets;
		},
		savedPrefs() {
			return demo ? undefined : saved().prefs;
		},
		savedWebhook() {
			if (demo) {
				return undefined;
			}

			const {prefs, keychainId} = saved();
			if (prefs.notifySecret === undefined) {
				return undefined;
			}

			const found = context.secrets().lookup({name: NOTIFY_SECRET_NAME, folder: keychainId, location: prefs.notifySecret});
			if (!found.found) {
				context.warn(
					found.problem === undefined
						? 'a --notify webhook was saved but is no longer in the secrets store; set it again with: aggwatch config set notify'
						: `the saved --notify webhook cannot be read from the keychain (${found.problem.reason}); unlock it, or set it again with: aggwatch config set notify`,
				);
				return undefined;
			}

			return found.secret;
		},
		debug(entry) {
			if (debugFile) {
				appendFileSync(debugFile, `${JSON.stringify({time: new Date().toISOString(), ...entry})}\n`, {mode: 0o600});
			}
		},
		savedTenants(): SavedTenants {
			if (demo) {
				return {names: () => [], get: () => undefined, defaultName: () => undefined, secret: () => ({found: false})};
			}

			// Lazy: a command run with SAIL_* variables alone never opens (or creates) the store.
			return {
				names: () => Object.keys(saved().tenants).sort(),
				get(name) {
					const {tenants} = saved();
					return Object.hasOwn(tenants, name) ? tenants[name] : undefined;
				},
				defaultName: () => saved().defaultTenant,
				secret(name) {
					const {tenants, keychainId} = saved();
					return context
						.secrets()
						.lookup({name, folder: keychainId, location: Object.hasOwn(tenants, name) ? tenants[name]?.secret : undefined});
				},
			};
		},
		chooseTenant() {
			if (demo) {
				return {kind: 'ad-hoc', name: 'demo', baseUrl: {value: 'demo', from: '--demo'}};
			}

			return chooseTenant({values: parsed.values, env: process.env, cwd: process.cwd(), readStdin, saved: context.savedTenants()});
		},
		async createClient(connection, options = {}) {
			// Validates the URL (BaseUrlError, one line) before the proxy is looked up for it.
			const proxy = proxyFor(resolveBaseUrl(connection.baseUrl), process.env);
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
					tenant: connection.tenant,
					...(proxy === undefined ? {} : {proxy}),
					...(options.retryWarnings === false
						? {}
						: {
								onRetry(decision) {
									context.warn(
										`${decision.error.message}; retrying in ${formatDuration(decision.delayMs)} (attempt ${decision.attempt + 1})`,
									);
								},
							}),
					...(debugFile ? {onRequest: debugWriter(debugFile, connection.tenant, line => context.warn(line))} : {}),
				},
			);
			addCleanup(() => {
				client.close();
			});
			return client;
		},
		connect() {
			connected ??= (async () => {
				let connection: Connection;
				if (demo) {
					const {startDemoTenant} = await import('../commands/demo-tenant.js');
					const demoTenant = await startDemoTenant();
					addCleanup(async () => demoTenant.close());
					connection = demoTenant.connection;
				} else {
					if (opener === undefined) {
						settings ??= readSavedSettings();
						if (!settings.usable) {
							// An older shape to migrate or a file to set aside: the full store does that (with a warning).
							({openStore: opener} = await import('../store/config.js'));
						}
					}

					connection = await resolveConnection({
						values: parsed.values,
						env: process.env,
						cwd: process.cwd(),
						readStdin,
						saved: context.savedTenants(),
					});
				}

				if (connection.file !== undefined) {
					// A file in the current folder chose where the secret goes: say which.
					process.stderr.write(`aggwatch: using tenant ${connection.tenant} and its credentials from ${connection.file}\n`);
				}

				const client = await context.createClient(connection);
				return {client, connection};
			})();
			return connected;
		},
	};
	return context;
}
