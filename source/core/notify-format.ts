import {formatCount, formatDuration} from './durations.js';
import type {RunEvent} from './run-event.js';

/** The bodies --notify can post. */
export const NOTIFY_FORMATS = ['slack', 'teams', 'json'] as const;
export type NotifyFormat = (typeof NOTIFY_FORMATS)[number];

export function isNotifyFormat(value: string): value is NotifyFormat {
	return (NOTIFY_FORMATS as readonly string[]).includes(value);
}

/**
 * The format a webhook's host calls for: Slack's incoming webhooks (hooks.slack.com), Microsoft Teams workflows
 * (Power Automate and Logic Apps hosts, and the older *.webhook.office.com connectors); plain JSON for anything else.
 */
export function guessNotifyFormat(host: string): NotifyFormat {
	const name = host.toLowerCase().replace(/:\d+$/, '');
	if (name === 'hooks.slack.com' || name.endsWith('.hooks.slack.com')) {
		return 'slack';
	}

	if (
		name.endsWith('.webhook.office.com') ||
		name.endsWith('.logic.azure.com') ||
		name.endsWith('.powerplatform.com') ||
		name.endsWith('.powerautomate.com')
	) {
		return 'teams';
	}

	return 'json';
}

const COUNT_WORDS: Record<string, string> = {
	total: 'scanned',
	created: 'added',
	updated: 'changed',
	deleted: 'removed',
	optimized: 'unchanged',
};

/** "Workday: COMPLETED, task WARNING": the headline of an event. */
export function eventTitle(event: RunEvent): string {
	const name = event.source ?? event.id;
	switch (event.event) {
		case 'stalled': {
			return `${name}: stalled? no progress for ${formatDuration((event.stall?.forSeconds ?? 0) * 1000)}`;
		}

		case 'held-back': {
			return `${name}: deletions held back`;
		}

		case 'attention': {
			return `${name}: needs attention (${(event.attention ?? []).join(', ')})`;
		}

		case 'ended': {
			return event.outcome === 'UNKNOWN' ? `${name}: ${event.status}, outcome unknown` : `${name}: ${event.status}, task ${event.outcome}`;
		}
	}
}

/** The figures of an event as short phrases: accounts, duration, warnings and errors, deletions, the task's counts. */
export function eventFacts(event: RunEvent): Array<[string, string]> {
	const facts: Array<[string, string]> = [['Tenant', event.tenant]];
	if (event.processedAccounts !== undefined || event.totalAccounts !== undefined) {
		facts.push([
			'Accounts',
			`${formatCount(event.processedAccounts ?? 0)} of ${event.totalAccounts === undefined ? '?' : formatCount(event.totalAccounts)} changes processed`,
		]);
	}

	if (event.durationSeconds !== undefined) {
		facts.push([event.event === 'stalled' ? 'Running for' : 'Duration', formatDuration(event.durationSeconds * 1000)]);
	}

	if (event.warnings > 0 || event.errors > 0) {
		facts.push(['Messages', `${formatCount(event.warnings)} warnings, ${formatCount(event.errors)} errors`]);
	}

	if (event.deletions !== undefined) {
		facts.push(['Deletions', `${formatCount(event.deletions.marked)} marked, ${formatCount(event.deletions.deleted)} deleted`]);
	}

	if (event.stall !== undefined) {
		facts.push(['Threshold', formatDuration(event.stall.thresholdSeconds * 1000)]);
	}

	const counts = Object.entries(event.counts ?? {}).map(([name, value]) => `${COUNT_WORDS[name] ?? name} ${formatCount(value)}`);
	if (counts.length > 0) {
		facts.push(['Figures', counts.join(', ')]);
	}

	facts.push([event.event === 'attention' ? 'Last run' : 'Aggregation', event.id]);
	return facts;
}

/**
 * The body to POST for an event. slack: an incoming webhook's `{"text": …}` (mrkdwn). teams: a message with one
 * Adaptive Card, as Teams workflows ("Post to a channel when a webhook request is received") take. json: the event.
 * No link is added: nothing in a message points at anything secret (or anywhere at all).
 */
export function webhookBody(event: RunEvent, format: NotifyFormat): unknown {
	switch (format) {
		case 'slack': {
			const lines = eventFacts(event).map(([name, value]) => `• ${name}: ${value}`);
			return {text: [`*aggwatch: ${eventTitle(event)}*`, ...lines].join('\n')};
		}

		case 'teams': {
			return {
				type: 'message',
				attachments: [
					{
						contentType: 'application/vnd.microsoft.card.adaptive',
						contentUrl: null,
						content: {
							$schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
							type: 'AdaptiveCard',
							version: '1.4',
							body: [
								{type: 'TextBlock', text: `aggwatch: ${eventTitle(event)}`, weight: 'Bolder', size: 'Medium', wrap: true},
								{type: 'FactSet', facts: eventFacts(event).map(([title, value]) => ({title, value}))},
							],
						},
					},
				],
			};
		}

		case 'json': {
			return event;
		}
	}
}
