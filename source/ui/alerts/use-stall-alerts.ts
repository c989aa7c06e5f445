import {useEffect, useRef} from 'react';
import {alertSequence} from '../../alerts/alert-sequence.js';
import {DEFAULT_ALERT_PREFS, type AlertPrefs} from '../../alerts/prefs.js';
import {newStalls, stallAlert} from '../../alerts/stall-alert.js';
import type {RowInsight} from '../../core/insight.js';
import type {Stall} from '../../core/stall.js';
import type {MonitorState, RowKey} from '../../core/types.js';
import type {AlertOutput} from '../monitor/commands.js';
import {ALERT_MESSAGE_MS, alertText} from '../../alerts/end-transitions.js';
import type {ViewAction} from '../state/view-state.js';
import {useLatest} from '../state/use-latest.js';

export interface StallAlertOptions {
	insights: ReadonlyMap<RowKey, RowInsight> | undefined;
	state: MonitorState;
	now: number;
	multiTenant: boolean;
	apply: (action: ViewAction) => void;
	onAlert?: (output: AlertOutput) => void;
	alerts?: AlertPrefs;
}

/**
 * A row that stalls is told once, like an end: it flashes, the header says so for a few seconds, and the terminal
 * gets a bell and a notification (OSC 9). Progress clears the stall, so a later one is told again.
 */
export function useStallAlerts({insights, state, now, multiTenant, apply, onAlert, alerts}: StallAlertOptions): void {
	const stalledBefore = useRef<ReadonlySet<RowKey>>(new Set());
	const context = useLatest({state, now, multiTenant, onAlert, alerts});
	useEffect(() => {
		const stalls = new Map<RowKey, Stall>();
		for (const [key, insight] of insights ?? []) {
			if (insight.stall !== undefined) {
				stalls.set(key, insight.stall);
			}
		}

		const {started, stalled} = newStalls(stalledBefore.current, stalls);
		stalledBefore.current = stalled;
		if (started.length === 0) {
			return;
		}

		const {state: current, now: at, multiTenant: withTenant, onAlert: tell, alerts: chosen} = context.current;
		const found = started.flatMap(key => {
			const row = current.rows.find(candidate => candidate.key === key);
			const stall = stalls.get(key);
			if (row === undefined || stall === undefined) {
				return [];
			}

			const alert = stallAlert(row, stall);
			return [{alert: {...alert, text: alertText(alert, withTenant)}, key}];
		});
		apply({
			type: 'alerted',
			kind: 'stalled',
			flashes: found.map(({alert, key}) => ({key, at, text: alert.text, severity: 'failure' as const, stalled: true as const})),
			now: at,
			keepMs: ALERT_MESSAGE_MS,
		});
		const prefs = chosen ?? DEFAULT_ALERT_PREFS;
		if (tell !== undefined && (prefs.bell || prefs.notify)) {
			for (const {alert} of found) {
				tell({alert, sequence: alertSequence(alert, prefs)});
			}
		}
	}, [insights, apply, context]);
}
