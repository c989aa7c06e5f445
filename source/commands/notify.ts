import {webhookBody} from '../core/notify-format.js';
import type {RunEvent} from '../core/run-event.js';
import {ExitCode} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import {proxyFor} from '../isc/proxy.js';
import {postWebhook} from '../isc/webhook.js';
import type {CliContext} from './context.js';
import {stringOption} from './options.js';
import {notifyFormatFor, webhookUrl} from './run-action-options.js';

/** The sample event `notify test` posts: plainly a test, with the fields and figures of a real end. */
export function sampleEvent(now: number): RunEvent {
	return {
		event: 'ended',
		id: '00000000000000000000000000000000',
		tenant: 'test',
		source: 'aggwatch test notification',
		status: 'COMPLETED',
		outcome: 'SUCCESS',
		warnings: 0,
		errors: 0,
		durationSeconds: 42,
		processedAccounts: 1200,
		totalAccounts: 1200,
		counts: {total: 5000, created: 12, updated: 1188, deleted: 0, optimized: 3800},
		at: new Date(now).toISOString(),
	};
}

/**
 * `aggwatch notify test [URL] [--notify-format F]`: posts one sample event to the webhook (the URL given, else
 * AGGWATCH_NOTIFY_URL, else the saved one) and says what it answered: exit 0 for a 2xx, 6 otherwise. The URL is
 * never printed; the format is said, and whether it was guessed.
 */
export async function runNotify(context: CliContext, positionals: string[]): Promise<number> {
	const [subcommand, urlArgument, extra] = positionals;
	if (subcommand !== 'test') {
		throw new UsageError(
			subcommand === undefined
				? 'notify needs a subcommand: notify test [URL]'
				: `unknown notify subcommand "${subcommand}"; use: notify test [URL]`,
			'notify',
		);
	}

	if (extra !== undefined) {
		throw new UsageError('notify test takes one webhook URL (quote it)', 'notify');
	}

	const prefs = context.savedPrefs();
	const text = urlArgument ?? context.env['AGGWATCH_NOTIFY_URL'] ?? context.savedWebhook();
	if (text === undefined || text.trim() === '') {
		throw new UsageError('notify test needs a webhook: aggwatch notify test URL (or one saved with aggwatch config set notify)', 'notify');
	}

	const url = webhookUrl(text, 'notify');
	const asked = stringOption(context.values, 'notify-format') ?? prefs?.notifyFormat;
	const format = notifyFormatFor(url, asked, 'notify');
	const proxy = proxyFor(url, context.env);
	const answer = await postWebhook(url, webhookBody(sampleEvent(context.now()), format), {
		...(proxy === undefined ? {} : {proxy}),
		onAttempt(attempt) {
			context.debug({...attempt, at: undefined});
		},
	});
	const how = `${format} format${asked === undefined ? ', guessed from the host' : ''}`;
	const tries = `${answer.attempts} ${answer.attempts === 1 ? 'try' : 'tries'}`;
	if (answer.status === undefined) {
		context.error(`the webhook at ${url.host} did not answer (${answer.error ?? 'no answer'}) after ${tries}; sent in the ${how}`);
		return ExitCode.requestFailed;
	}

	const line = `the webhook at ${url.host} answered HTTP ${answer.status}${answer.body ? `: ${answer.body}` : ''} (${how}; ${tries})`;
	if (answer.ok) {
		context.out(line);
		return ExitCode.ok;
	}

	context.error(line);
	return ExitCode.requestFailed;
}
