import {eventTitle, webhookBody, type NotifyFormat} from '../core/notify-format.js';
import type {RunEvent} from '../core/run-event.js';
import {postWebhook, type WebhookAttempt} from '../isc/webhook.js';
import {runOnEnd} from './on-end.js';

/** What to do for each run event: a command to run (--on-end), a webhook to post to (--notify). */
export interface RunActionsConfig {
	onEnd?: string;
	notify?: {url: URL; format: NotifyFormat; proxy?: URL};
}

export interface RunActionsOptions {
	env: NodeJS.ProcessEnv;
	/** Where --on-end's output goes (see runOnEnd). */
	output: 'stderr' | 'ignore';
	/** A failure, in one line, told once per failed command or delivery. */
	report(line: string): void;
	/** Each webhook attempt, for the --debug log (host only). */
	debug?: (attempt: WebhookAttempt) => void;
	/** --on-end's time limit. Default 30 s. */
	onEndTimeoutMs?: number;
	/** --notify's retry window. Default 60 s. */
	notifyWithinMs?: number;
}

export interface RunActions {
	/** Runs the command and posts to the webhook for this event, in the background: never waits, never throws. */
	emit(event: RunEvent): void;
	/**
	 * Resolves once every command and delivery under way is done: each command has its time limit (then it is
	 * stopped), each delivery its minute of retries. For a command about to exit.
	 */
	settle(): Promise<void>;
}

/** Runs nothing: for commands given neither --on-end nor --notify. */
export const NO_RUN_ACTIONS: RunActions = {
	emit() {
		// Nothing to do.
	},
	async settle() {
		// Nothing under way.
	},
};

function who(event: RunEvent): string {
	return `${event.source ?? event.id} (${event.event})`;
}

export function createRunActions(config: RunActionsConfig, options: RunActionsOptions): RunActions {
	const pending = new Set<Promise<void>>();
	const track = (work: Promise<void>) => {
		pending.add(work);
		void work.finally(() => pending.delete(work));
	};

	return {
		emit(event) {
			try {
				start(event);
			} catch (error) {
				// A command that cannot even be spawned (say, a NUL in it): told like any failure, never thrown at the caller.
				options.report(`--on-end or --notify for ${who(event)} could not be started (${(error as Error).message.split('\n')[0]})`);
			}
		},
		async settle() {
			while (pending.size > 0) {
				await Promise.all(pending);
			}
		},
	};

	function start(event: RunEvent): void {
		if (config.onEnd !== undefined) {
			const command = config.onEnd;
			track(
				runOnEnd(command, event, {
					env: options.env,
					output: options.output,
					...(options.onEndTimeoutMs === undefined ? {} : {timeoutMs: options.onEndTimeoutMs}),
				}).then(failure => {
					if (failure !== undefined) {
						options.report(`--on-end for ${who(event)} ${failure}`);
					}
				}),
			);
		}

		if (config.notify !== undefined) {
			const {url, format, proxy} = config.notify;
			track(
				postWebhook(url, webhookBody(event, format), {
					...(proxy === undefined ? {} : {proxy}),
					...(options.notifyWithinMs === undefined ? {} : {withinMs: options.notifyWithinMs}),
					...(options.debug === undefined ? {} : {onAttempt: options.debug}),
				}).then(
					answer => {
						if (!answer.ok) {
							const what =
								answer.status === undefined
									? (answer.error ?? 'no answer')
									: `HTTP ${answer.status}${answer.body ? ` (${answer.body})` : ''}`;
							options.report(
								`--notify could not post "${eventTitle(event)}": the webhook answered ${what} after ${answer.attempts} ${answer.attempts === 1 ? 'try' : 'tries'}`,
							);
						}
					},
					() => undefined,
				),
			);
		}
	}
}
