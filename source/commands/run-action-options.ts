import {parseDuration} from '../core/durations.js';
import {guessNotifyFormat, isNotifyFormat, NOTIFY_FORMATS, type NotifyFormat} from '../core/notify-format.js';
import {UsageError} from '../domain/usage-error.js';
import {proxyFor} from '../isc/proxy.js';
import {parseWebhookUrl, WebhookUrlError} from '../isc/webhook.js';
import type {CliContext, CommandContext} from './context.js';
import {stringOption, type CommandName} from './options.js';
import {createRunActions, NO_RUN_ACTIONS, type RunActions, type RunActionsConfig} from './run-actions.js';

/** Also read for --notify, so a cron job or a systemd unit can keep the URL out of its command line. */
const NOTIFY_ENV = 'AGGWATCH_NOTIFY_URL';

/** A command's context; the saved defaults and the --debug log where the command has them (the CLI's always does). */
export type ActionContext = CommandContext & Partial<Pick<CliContext, 'savedPrefs' | 'savedWebhook' | 'debug'>>;

/** The format asked for (--notify-format, else the saved one), else the one the host calls for. */
export function notifyFormatFor(url: URL, asked: string | undefined, command: CommandName): NotifyFormat {
	if (asked === undefined) {
		return guessNotifyFormat(url.host);
	}

	if (!isNotifyFormat(asked)) {
		throw new UsageError(`--notify-format must be one of ${NOTIFY_FORMATS.join(', ')}, not "${asked}"`, command);
	}

	return asked;
}

/** Checks a webhook URL, as a usage error that never repeats it. */
export function webhookUrl(text: string, command: CommandName): URL {
	try {
		return parseWebhookUrl(text);
	} catch (error) {
		if (error instanceof WebhookUrlError) {
			throw new UsageError(error.message, command);
		}

		throw error;
	}
}

/**
 * What --on-end and --notify say, with the saved defaults (aggwatch config set …) where a flag is absent; an empty
 * flag (--on-end '', --notify '') turns a saved default off. AGGWATCH_NOTIFY_URL stands in for --notify.
 */
export function runActionsConfig(context: ActionContext, command: CommandName, useSaved = true): RunActionsConfig {
	const prefs = useSaved ? context.savedPrefs?.() : undefined;
	const onEndFlag = stringOption(context.values, 'on-end');
	const onEnd = onEndFlag ?? prefs?.onEnd;
	let urlText = stringOption(context.values, 'notify') ?? context.env[NOTIFY_ENV];
	if (urlText === undefined && useSaved) {
		urlText = context.savedWebhook?.();
	}

	const formatFlag = stringOption(context.values, 'notify-format');
	if (formatFlag !== undefined && (urlText === undefined || urlText.trim() === '')) {
		throw new UsageError('--notify-format needs a webhook: --notify URL (or one saved with aggwatch config set notify)', command);
	}

	const config: RunActionsConfig = {};
	if (onEnd !== undefined && onEnd.trim() !== '') {
		config.onEnd = onEnd;
	}

	if (urlText !== undefined && urlText.trim() !== '') {
		const url = webhookUrl(urlText, command);
		const proxy = proxyFor(url, context.env);
		config.notify = {
			url,
			format: notifyFormatFor(url, formatFlag ?? prefs?.notifyFormat, command),
			...(proxy === undefined ? {} : {proxy}),
		};
	}

	return config;
}

/**
 * The run actions of a command: a command run and a webhook post per event, failures reported as warnings (standard
 * error), webhook attempts in the --debug log by host. `output` is where --on-end's output goes; `useSaved` false
 * leaves the saved defaults out (discover --ended: a look at what ended posts only when asked to).
 */
export function resolveRunActions(
	context: ActionContext,
	command: CommandName,
	{
		output = 'stderr',
		useSaved = true,
		report = line => {
			context.warn(line);
		},
	}: {output?: 'stderr' | 'ignore'; useSaved?: boolean; report?: (line: string) => void} = {},
): RunActions {
	const config = runActionsConfig(context, command, useSaved);
	if (config.onEnd === undefined && config.notify === undefined) {
		return NO_RUN_ACTIONS;
	}

	const timeout = context.env['AGGWATCH_ON_END_TIMEOUT']?.trim();
	return createRunActions(config, {
		env: context.env,
		output,
		report,
		debug(attempt) {
			context.debug?.({...attempt, at: undefined});
		},
		...(timeout === undefined || timeout === '' ? {} : {onEndTimeoutMs: parseDuration(timeout)}),
	});
}
