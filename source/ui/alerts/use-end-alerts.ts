import {useEffect, useRef} from 'react';
import {alertSequence} from '../../alerts/alert-sequence.js';
import {DEFAULT_ALERT_PREFS, type AlertPrefs} from '../../alerts/prefs.js';
import {idShortener} from '../../core/short-ids.js';
import type {RowInsight} from '../../core/insight.js';
import type {MonitorState} from '../../core/types.js';
import {comparisonSummary, deletionPhrase} from '../text/insight-text.js';
import {useTheme} from '../theme/theme.js';
import type {AlertOutput} from '../monitor/commands.js';
import {ALERT_MESSAGE_MS, alertsFor, duePendingEnds, endTransitions, type PendingEnd} from '../../alerts/end-transitions.js';
import type {ViewStore} from '../state/use-view-state.js';
import {useLatest} from '../state/use-latest.js';

export interface EndAlertsOptions {
	state: MonitorState;
	now: number;
	store: ViewStore;
	multiTenant: boolean;
	/** Comparisons with the source's usual and held-back deletions, added to an end's alert. */
	insights?: ReadonlyMap<string, RowInsight> | undefined;
	onAlert?: (output: AlertOutput) => void;
	alerts?: AlertPrefs;
}

/**
 * Alerts: rows seen ending while the monitor runs flash, the header tells, and the terminal is told (bell, OSC 9),
 * once, with the outcome: each end waits for the first read of its task, at most OUTCOME_WAIT_MS.
 */
export function useEndAlerts({state, now, store, multiTenant, insights, onAlert, alerts}: EndAlertsOptions): void {
	const {glyphs} = useTheme();
	const context = useLatest({now, multiTenant, onAlert, alerts, insights});
	const seenState = useRef(state);
	const startedAt = useRef(now);
	const pending = useRef<PendingEnd[]>([]);
	useEffect(() => {
		const previous = seenState.current;
		seenState.current = state;
		const latest = context.current;
		const transitions = endTransitions(previous, state, startedAt.current);
		if (transitions.length === 0 && pending.current.length === 0) {
			return;
		}

		const {ready, waiting} = duePendingEnds(
			[...pending.current, ...transitions.map(({row, previous: before}) => ({key: row.key, previous: before, since: latest.now}))],
			state,
			latest.now,
		);
		pending.current = waiting;
		if (ready.length === 0) {
			return;
		}

		const found = alertsFor(ready, latest.now, latest.multiTenant, idShortener(state.rows.map(row => row.id)), row => {
			const insight = latest.insights?.get(row.key);
			const heldBack = insight?.deletion?.heldBack === true ? [deletionPhrase(insight.deletion)] : [];
			return [...comparisonSummary(insight?.comparison, glyphs), ...heldBack];
		});
		if (found.length === 0) {
			return;
		}

		store.apply({type: 'alerted', flashes: found.map(item => item.flash), now: latest.now, keepMs: ALERT_MESSAGE_MS});
		const prefs = latest.alerts ?? DEFAULT_ALERT_PREFS;
		if (latest.onAlert !== undefined && (prefs.bell || prefs.notify)) {
			for (const {alert} of found) {
				latest.onAlert({alert, sequence: alertSequence(alert, prefs)});
			}
		}
		// `now` too: an end waiting for its task alerts when the wait is over, even if nothing else changes.
	}, [state, store, glyphs, now, context]);
}
