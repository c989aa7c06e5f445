import {alertPrefsFromEnv, type AlertPrefs} from '../alerts/prefs.js';
import type {ParsedCommandLine} from './options.js';

/**
 * Which end alerts to give: AGGWATCH_ALERTS (default both), then the saved preferences, then --no-bell and
 * --no-notify. The row flash and header message of the monitor are always shown; these are the bell and OSC 9.
 */
export function resolveAlertPrefs(
	values: ParsedCommandLine['values'],
	env: Record<string, string | undefined>,
	saved: {bell?: boolean; notify?: boolean} = {},
): AlertPrefs {
	const prefs = alertPrefsFromEnv(env);
	if (saved.bell !== undefined) {
		prefs.bell = saved.bell;
	}

	if (saved.notify !== undefined) {
		prefs.notify = saved.notify;
	}

	if (values['no-bell'] === true) {
		prefs.bell = false;
	}

	if (values['no-notify'] === true) {
		prefs.notify = false;
	}

	return prefs;
}
