/**
 * The short soak: the same run as `npm run soak` (soak/soak.ts), scaled down to about a minute and 40 aggregations.
 * Three simulated tenants misbehave on a schedule (5xx bursts, 429 storms, token endpoint 500s, resets, hung
 * responses, malformed, non-JSON and truncated bodies, every token expired, one secret rotated) while the built CLI
 * runs as a full-screen monitor in a pseudo-terminal and as two `aggwatch wait --json` processes. Every check of
 * the soak's table must pass; on failure the message is the table itself.
 */
import {beforeAll, describe, expect, it} from 'vitest';
import {shortSoakConfig} from '../../soak/config.js';
import {runSoak} from '../../soak/soak.js';
import {formatTextTable} from '../../soak/table.js';
import {cliPath, ensureBuilt} from '../helpers/cli.js';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

describe('the short soak', () => {
	it('comes through a minute of faults on three tenants with every check passing', async () => {
		const lines: string[] = [];
		const result = await runSoak(shortSoakConfig(), {cli: cliPath(), log: line => lines.push(line)});
		const failed = result.analysis.figures.filter(figure => figure.verdict === 'FAIL');
		const report = `${formatTextTable(result.analysis.figures)}\n\n${result.analysis.notes.join('\n')}\n\nprogress:\n${lines.join('\n')}`;
		expect(
			failed.map(figure => `${figure.name}: ${figure.value} (limit ${figure.limit})`),
			report,
		).toEqual([]);
		// The run really exercised what the table claims: faults answered, rows ended, processes measured.
		expect(result.analysis.figures.length).toBeGreaterThan(20);
		expect(result.analysis.notes.join('\n')).toMatch(/status 429/);
	}, 150_000);
});
