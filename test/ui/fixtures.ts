import {createMonitorState, reduce} from '../../source/core/reducer.js';
import {rowKey, type MonitorEvent, type MonitorOptions, type MonitorState} from '../../source/core/types.js';
import type {IscErrorInfo} from '../../source/domain/errors.js';
import type {AggregationStatus} from '../../source/domain/status.js';

/** 2025-01-15 09:00:00 UTC. */
export const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);

/** A 32-hex id from a short tag, e.g. id('a1') → "a1a1a1…". */
export function id(tag: string): string {
	return tag.repeat(Math.ceil(32 / tag.length)).slice(0, 32);
}

export interface RowSpec {
	id: string;
	tenant?: string;
	label?: string;
	/** Answers, oldest first, each `ago` ms before NOW. */
	answers?: Array<{status: AggregationStatus; ago: number}>;
	/** A failure after the answers. */
	error?: IscErrorInfo & {ago?: number};
}

/** A monitor state built through the real reducer, as the poller would have built it. */
export function stateOf(specs: readonly RowSpec[], options: Partial<MonitorOptions> = {}): MonitorState {
	let state = createMonitorState(
		options,
		specs.map((spec, index) => ({
			id: spec.id,
			tenant: spec.tenant ?? 'acme',
			addedAt: NOW - 600_000 + index,
			...(spec.label === undefined ? {} : {label: spec.label}),
		})),
		NOW - 600_000,
	);
	const events: MonitorEvent[] = [];
	for (const spec of specs) {
		const key = rowKey(spec.tenant ?? 'acme', spec.id);
		for (const answer of spec.answers ?? []) {
			events.push({type: 'polled', key, status: answer.status, now: NOW - answer.ago});
		}

		if (spec.error) {
			const {ago = 500, ...error} = spec.error;
			events.push({type: 'failed', key, error, now: NOW - ago});
		}
	}

	for (const event of events) {
		state = reduce(state, event);
	}

	return state;
}

export const START = new Date(NOW - 125_000).toISOString();

export function collecting(processed: number, total: number): AggregationStatus {
	return {
		start: START,
		status: 'ACCOUNTS_COLLECTED',
		processedAccounts: processed,
		totalAccounts: total,
		totalIdentities: total,
		processedIdentities: Math.floor(processed / 2),
	};
}
