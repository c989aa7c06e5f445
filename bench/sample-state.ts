import {createMonitorState, reduce} from '../source/core/reducer.js';
import {rowKey, type MonitorEvent, type MonitorState, type RowSeed} from '../source/core/types.js';
import type {AggregationStatus} from '../source/domain/status.js';

/**
 * A deterministic monitor state with `count` rows in every kind of situation, built through the real reducer:
 * collecting with a rate, started, waiting, retried, completed, cancelled, terminated, an unknown status, failing
 * requests. For the benchmark (1,000 rows) and the tmux preview (bench/tmux).
 */
export interface SampleOptions {
	count: number;
	now: number;
	tenant?: string;
	/** Poll interval of the state's options. Default 5000. */
	intervalMs?: number;
}

/** The id of sample row `index`: 32 hex characters. */
export function sampleId(index: number): string {
	return index.toString(16).padStart(8, '0').repeat(4);
}

const SOURCES = ['Active Directory', 'Workday', 'ServiceNow', 'Okta', 'SAP', 'Salesforce', 'Azure AD', 'LDAP'];

function statusFor(index: number, start: string): AggregationStatus | undefined {
	const total = 1000 + ((index * 7919) % 90_000);
	switch (index % 11) {
		case 0:
		case 1:
		case 2:
		case 3: {
			return {
				start,
				status: 'ACCOUNTS_COLLECTED',
				totalAccounts: total,
				processedAccounts: Math.floor(total * ((index % 97) / 100)),
				totalIdentities: total,
				processedIdentities: Math.floor(total * ((index % 89) / 100)),
			};
		}

		case 4: {
			return {start, status: 'STARTED'};
		}

		case 5: {
			return {
				start,
				status: 'COMPLETED',
				totalAccounts: total,
				processedAccounts: total,
				totalIdentities: total,
				processedIdentities: total,
				totalAccountsMarkedForDeletion: 3,
				deletedAccounts: 3,
			};
		}

		case 6: {
			return {start, status: 'TERMINATED', totalAccounts: total, processedAccounts: Math.floor(total / 3)};
		}

		case 7: {
			return {start, status: 'CANCELLED', totalAccounts: total, processedAccounts: Math.floor(total / 2)};
		}

		case 8: {
			return undefined; // waiting: no answer yet
		}

		case 9: {
			return {start, status: 'RETRIED', totalAccounts: total, processedAccounts: Math.floor(total / 4)};
		}

		default: {
			return {start, status: 'PAUSED_BY_ISC', totalAccounts: total, processedAccounts: Math.floor(total / 5)};
		}
	}
}

export function sampleMonitorState({count, now, tenant = 'acme', intervalMs = 5000}: SampleOptions): MonitorState {
	const seeds: RowSeed[] = [];
	for (let index = 0; index < count; index++) {
		seeds.push({
			id: sampleId(index),
			tenant,
			addedAt: now - 3_600_000 + index,
			...(index % 13 === 12 ? {} : {label: `${SOURCES[index % SOURCES.length]} ${String(index + 1).padStart(4, '0')}`}),
		});
	}

	let state = createMonitorState({intervalMs}, seeds, now - 60_000);
	const events: MonitorEvent[] = [];
	for (let index = 0; index < count; index++) {
		const key = rowKey(tenant, sampleId(index));
		const start = new Date(now - 60_000 - (index % 50) * 60_000).toISOString();
		const status = statusFor(index, start);
		if (status === undefined) {
			if (index % 3 === 0) {
				events.push({type: 'failed', key, error: {kind: 'network', message: 'socket hang up', code: 'ECONNRESET'}, now: now - 2000});
			}

			continue;
		}

		const processed = status.processedAccounts;
		if (processed !== undefined && status.status === 'ACCOUNTS_COLLECTED') {
			// Two answers 30 s apart give the row a rate and an ETA.
			const earlier = Math.max(0, processed - 300 - (index % 500));
			events.push({type: 'polled', key, status: {...status, processedAccounts: earlier}, now: now - 33_000});
		}

		events.push({type: 'polled', key, status, now: now - 3000});
		if (index % 17 === 16) {
			events.push({
				type: 'failed',
				key,
				error: {kind: 'server', status: 503, message: 'Service Unavailable', trackingId: `track-${index}`},
				now: now - 1000,
			});
		}
	}

	// Rows first seen before the batch: one reduce per event, as in the monitor.
	for (const event of events) {
		state = reduce(state, event);
	}

	return state;
}
