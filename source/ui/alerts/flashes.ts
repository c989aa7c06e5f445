import {ALERT_MESSAGE_MS, FLASH_MS, type Flash} from '../../alerts/end-transitions.js';

/** The flashes of rows that ended (see alerts/end-transitions.ts), as the list and the header show them. */

/** The flash of a row at `now`, if it is still flashing. */
export function activeFlash(flashes: readonly Flash[], key: string, now: number): Flash | undefined {
	for (let index = flashes.length - 1; index >= 0; index--) {
		const flash = flashes[index];
		if (flash !== undefined && flash.key === key && now - flash.at < FLASH_MS) {
			return flash;
		}
	}

	return undefined;
}

/** What the header says at `now`: the newest end still within ALERT_MESSAGE_MS, and how many others are. */
export function headerAlert(flashes: readonly Flash[], now: number): {flash: Flash; others: number} | undefined {
	const recent = flashes.filter(flash => now - flash.at < ALERT_MESSAGE_MS);
	const newest = recent.at(-1);
	return newest === undefined ? undefined : {flash: newest, others: recent.length - 1};
}
