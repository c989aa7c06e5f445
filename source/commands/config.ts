import {isNotifyFormat, NOTIFY_FORMATS} from '../core/notify-format.js';
import {ExitCode} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import {SecretStore} from '../store/secrets.js';
import type {CliContext} from './context.js';
import {NOTIFY_SECRET_NAME} from './notify-secret.js';
import {webhookUrl} from './run-action-options.js';

const KEYS = ['on-end', 'notify', 'notify-format'] as const;
type Key = (typeof KEYS)[number];

function isKey(word: string | undefined): word is Key {
	return word !== undefined && (KEYS as readonly string[]).includes(word);
}

function keyOf(word: string | undefined, verb: string): Key {
	if (!isKey(word)) {
		throw new UsageError(
			word === undefined
				? `config ${verb} needs a setting: ${KEYS.join(', ')}`
				: `unknown setting "${word}"; settings are ${KEYS.join(', ')}`,
			'config',
		);
	}

	return word;
}

/**
 * `aggwatch config [list] | set KEY [VALUE] | unset KEY`: the defaults of --on-end, --notify and --notify-format,
 * used by wait, start --wait, start --sequence, discover --ended and the monitor when the flag is not given (an empty
 * flag turns the default off). The webhook URL is a secret: it is read like a client secret (hidden prompt, or a line
 * of standard input), kept in the OS keychain (else the 0600 secrets file), and never shown.
 */
export async function runConfig(context: CliContext, positionals: string[]): Promise<number> {
	const [verb = 'list', word, value, extra] = positionals;
	const store = context.openStore();
	switch (verb) {
		case 'list': {
			if (word !== undefined) {
				throw new UsageError(`config list takes no arguments (got "${word}")`, 'config');
			}

			const prefs = store.getPrefs();
			const where = prefs.notifySecret;
			context.out(`on-end         ${prefs.onEnd ?? '(none)'}`);
			context.out(
				`notify         ${where === undefined ? '(none)' : `a webhook URL, kept in the ${where === 'keychain' ? 'OS keychain' : 'secrets file'} (not shown)`}`,
			);
			context.out(`notify-format  ${prefs.notifyFormat ?? '(guessed from the host)'}`);
			return ExitCode.ok;
		}

		case 'set': {
			if (extra !== undefined) {
				throw new UsageError(`config set ${keyOf(word, 'set')} takes one value; quote a command with spaces`, 'config');
			}

			return setKey(context, keyOf(word, 'set'), value);
		}

		case 'unset': {
			const key = keyOf(word, 'unset');
			if (value !== undefined) {
				throw new UsageError(`config unset takes one setting (got "${value}" too)`, 'config');
			}

			if (key === 'notify') {
				const removal = context
					.secrets()
					.delete({name: NOTIFY_SECRET_NAME, folder: store.getKeychainId(), location: store.getPrefs().notifySecret});
				if (removal.problem !== undefined) {
					context.error(
						`the webhook URL could not be removed from the keychain (${removal.problem.reason}): it is entry "${removal.account}" of service "aggwatch"; unlock the keychain and run this again`,
					);
					return ExitCode.auth;
				}
			}

			store.setPrefs({unset: [key === 'on-end' ? 'onEnd' : key === 'notify' ? 'notifySecret' : 'notifyFormat']});
			context.error(`removed the saved ${key}`);
			return ExitCode.ok;
		}

		default: {
			throw new UsageError(`unknown config subcommand "${verb}"; use list, set or unset`, 'config');
		}
	}
}

async function setKey(context: CliContext, key: Key, value: string | undefined): Promise<number> {
	const store = context.openStore();
	switch (key) {
		case 'on-end': {
			if (value === undefined || value.trim() === '') {
				throw new UsageError("config set on-end needs a command, e.g. aggwatch config set on-end './on-end.sh'", 'config');
			}

			store.setPrefs({onEnd: value});
			context.error('saved: --on-end runs that command by default (--on-end "" turns it off for one command)');
			return ExitCode.ok;
		}

		case 'notify': {
			if (value !== undefined) {
				throw new UsageError(
					'a webhook URL is a secret and is never an argument here: run "aggwatch config set notify" and paste it when asked (or give it on standard input)',
					'config',
				);
			}

			const typed = (await context.prompt.secret('Webhook URL (not shown): '))?.trim();
			if (typed === undefined || typed === '') {
				throw new UsageError('no webhook URL given; nothing was saved', 'config');
			}

			webhookUrl(typed, 'config');
			let warned: string | undefined;
			const secrets = new SecretStore({
				env: context.env,
				onWarning(line) {
					warned = line;
				},
			});
			const location = secrets.set({name: NOTIFY_SECRET_NAME, folder: store.ensureKeychainId()}, typed);
			if (warned !== undefined) {
				context.warn(`no OS keychain can be used; the webhook URL is kept in ${secrets.file.path}, readable only by you`);
			}

			store.setPrefs({notifySecret: location});
			context.error(
				`saved the webhook URL in the ${location === 'keychain' ? 'OS keychain' : 'secrets file'}; try it with: aggwatch notify test`,
			);
			return ExitCode.ok;
		}

		case 'notify-format': {
			if (value === undefined || !isNotifyFormat(value)) {
				throw new UsageError(`config set notify-format needs one of ${NOTIFY_FORMATS.join(', ')}`, 'config');
			}

			store.setPrefs({notifyFormat: value});
			context.error(`saved: webhooks get the ${value} format unless --notify-format says otherwise`);
			return ExitCode.ok;
		}
	}
}
