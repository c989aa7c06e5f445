import type {MonitorState} from '../core/types.js';
import {endAlert, type Alert} from './end-alert.js';

/**
 * The alerts for one change of the monitor state: each row that just ended (or just became persistently failing).
 * `previous` undefined means every row is new. Rows that left the state (removed, cleared) give none.
 */
export function stateAlerts(previous: MonitorState | undefined, next: MonitorState, now: number): Alert[] {
	if (previous === next) {
		return [];
	}

	const before = new Map(previous?.rows.map(row => [row.key, row]));
	const alerts: Alert[] = [];
	for (const row of next.rows) {
		const previousRow = before.get(row.key);
		if (previousRow === row) {
			continue;
		}

		const alert = endAlert(row, previousRow, now);
		if (alert !== undefined) {
			alerts.push(alert);
		}
	}

	return alerts;
}
