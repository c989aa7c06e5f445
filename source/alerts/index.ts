export {endAlert, PERSISTENT_FAILURES, type Alert, type AlertSeverity} from './end-alert.js';
export {bellSequence, osc9Sequence, sanitizeTerminalText} from './sequences.js';
export {ALERTS_ENV, DEFAULT_ALERT_PREFS, alertPrefsFromEnv, type AlertPrefs} from './prefs.js';
export {alertSequence} from './alert-sequence.js';
export {stateAlerts} from './state-alerts.js';
export {newStalls, stallAlert, stallPhrase} from './stall-alert.js';
