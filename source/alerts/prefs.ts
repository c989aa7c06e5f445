/** How the user wants to hear about ends: a terminal bell, a desktop notification (OSC 9), both or neither. */
export interface AlertPrefs {
	bell: boolean;
	notify: boolean;
}

export const DEFAULT_ALERT_PREFS: AlertPrefs = {bell: true, notify: true};

/** "bell", "notify", "bell,notify" or "none": which alerts `wait` and `start --wait` give. Default both. */
export const ALERTS_ENV = 'AGGWATCH_ALERTS';

export class AlertPrefsError extends Error {
	override readonly name = 'ConfigError';
}

/** The prefs from AGGWATCH_ALERTS, or the defaults. Throws AlertPrefsError (a ConfigError) for an unknown word. */
export function alertPrefsFromEnv(env: Record<string, string | undefined>): AlertPrefs {
	const value = env[ALERTS_ENV]?.trim().toLowerCase();
	if (value === undefined || value === '') {
		return {...DEFAULT_ALERT_PREFS};
	}

	const prefs: AlertPrefs = {bell: false, notify: false};
	for (const word of value.split(/[\s,]+/).filter(part => part !== '')) {
		switch (word) {
			case 'bell': {
				prefs.bell = true;
				break;
			}

			case 'notify': {
				prefs.notify = true;
				break;
			}

			case 'none':
			case 'off': {
				break;
			}

			default: {
				throw new AlertPrefsError(`${ALERTS_ENV} takes bell, notify, "bell,notify" or none, not "${word}"`);
			}
		}
	}

	return prefs;
}
