import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {EndedRow} from '../../source/history/entry.js';

export const T0 = Date.parse('2025-03-01T12:00:00Z');
export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** Temporary store folders, removed by `cleanup` (afterEach). Never the real home. */
export function tempDirs(): {make: () => string; cleanup: () => void} {
	const made: string[] = [];
	return {
		make() {
			const dir = mkdtempSync(path.join(tmpdir(), 'aggwatch-history-'));
			made.push(dir);
			return dir;
		},
		cleanup() {
			for (const dir of made.splice(0)) {
				rmSync(dir, {recursive: true, force: true});
			}
		},
	};
}

export function hexId(n: number): string {
	return `ab${n.toString(16).padStart(30, '0')}`;
}

/** A row that ended COMPLETED at `endedAt`, having started `durationMs` before, seen running 5 s before the end. */
export function endedRow(n: number, endedAt: number, extra: Partial<EndedRow> = {}, durationMs = 10 * MINUTE): EndedRow {
	return {
		id: hexId(n),
		tenant: 'acme',
		label: 'Workday',
		phase: 'ended',
		endedAt,
		lastRunningAt: endedAt - 5000,
		snapshot: {
			start: new Date(endedAt - durationMs).toISOString(),
			status: 'COMPLETED',
			processedAccounts: 100 + n,
			totalAccounts: 100 + n,
		},
		...extra,
	};
}
