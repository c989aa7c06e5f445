import type {MonitorState} from '../core/types.js';
import {idShortener} from '../core/short-ids.js';
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
	// An unlabelled row is named by as much of its id as tells it from the other rows.
	const short = idShortener(next.rows.map(row => row.id));
	const alerts: Alert[] = [];
	for (const row of next.rows) {
		const previousRow = before.get(row.key);
		if (previousRow === row) {
			continue;
		}

		const alert = endAlert(row, previousRow, now, short);
		if (alert !== undefined) {
			alerts.push(alert);
		}
	}

	return alerts;
}
