import type {Alert} from './end-alert.js';
import type {AlertPrefs} from './prefs.js';
import {bellSequence, osc9Sequence} from './sequences.js';

/** What to write to the terminal for one alert: a bell, a notification, both, or nothing. */
export function alertSequence(alert: Alert, prefs: AlertPrefs): string {
	return `${prefs.bell ? bellSequence : ''}${prefs.notify ? osc9Sequence(alert.text) : ''}`;
}
