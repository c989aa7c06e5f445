import {setTimeout as delay} from 'node:timers/promises';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Waits `ms`; rejects with the signal's reason when it is aborted first. */
export const defaultSleep: Sleep = async (ms, signal) => {
	await delay(ms, undefined, signal === undefined ? undefined : {signal});
};
