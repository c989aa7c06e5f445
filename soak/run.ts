/**
 * `npm run soak`: builds (via the npm script), then runs aggwatch for a while against three simulated tenants that
 * misbehave on a schedule, and checks it came through: no crash, every aggregation at its true end (monitor store
 * and wait output), the request budget and Retry-After kept, tokens reused, memory flat, the terminal restored.
 * Prints a table (figure, value, limit, ok/FAIL), writes it to soak/results/latest.md, exits 1 if a check failed.
 *
 *   npm run soak                            10 minutes, 200 aggregations
 *   SOAK_MINUTES=3 npm run soak             shorter (also: npm run soak -- --minutes 3)
 *   SOAK_SHORT=1 npm run soak               the profile npm test runs: 45 s, 40 aggregations (also --short)
 *   SOAK_AGGREGATIONS, SOAK_SEED            another size or layout
 *   SOAK_KEEP=1                             keep the temporary store and the --debug request logs
 *   SOAK_CLI=/path/to/cli.js                another build of the CLI
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {version} from '../source/version.js';
import {readSoakConfig, type SoakConfig} from './config.js';
import {runSoak, type SoakResult} from './soak.js';
import {formatMarkdownTable, formatTextTable} from './table.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

function describeConfig(config: SoakConfig): string {
	return (
		`${config.minutes} min, ${config.aggregations} aggregations (${config.neverExisting} never existing) on 3 tenants, ` +
		`2 wait processes × ${config.waitRows} ids, --interval ${config.intervalSec} --budget ${config.budget}, ` +
		`${config.tokenLifetimeSec} s tokens, every token expired every ${config.expireTokensEverySec} s, ` +
		`${config.columns}×${config.rows} terminal, seed ${config.seed}`
	);
}

function machine(): string {
	const load = os
		.loadavg()
		.map(value => value.toFixed(2))
		.join(' ');
	return `node ${process.version}, ${os.platform()} ${os.release()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, load ${load}`;
}

function markdown(result: SoakResult, table: string): string {
	const {analysis, config} = result;
	return [
		'# Soak results',
		'',
		`aggwatch ${version}, ${new Date(result.startedAt).toISOString()}: ${analysis.ok ? 'every check passed' : 'SOME CHECKS FAILED'}.`,
		'',
		`Run: ${describeConfig(config)}; ${Math.round(result.seconds)} s in all.`,
		'',
		`Machine: ${machine()}.`,
		'',
		table,
		'',
		...analysis.notes.map(note => `- ${note}`),
		'',
		'Produced by `npm run soak` (soak/run.ts); see soak/README.md for what each figure means.',
		'',
	].join('\n');
}

const config = readSoakConfig();
const cli = process.env['SOAK_CLI'] ?? path.join(root, 'dist', 'cli.js');
const keep = process.env['SOAK_KEEP'] !== undefined && process.env['SOAK_KEEP'] !== '' && process.env['SOAK_KEEP'] !== '0';
log(`aggwatch ${version} soak: ${describeConfig(config)}`);
log(machine());

const result = await runSoak(config, {cli, log, keepFiles: keep});
process.stdout.write(`\n${formatTextTable(result.analysis.figures)}\n\n${result.analysis.notes.join('\n')}\n\n`);
const resultsDir = path.join(here, 'results');
mkdirSync(resultsDir, {recursive: true});
const file = path.join(resultsDir, 'latest.md');
writeFileSync(file, markdown(result, formatMarkdownTable(result.analysis.figures)));
process.stdout.write(
	`${result.analysis.ok ? 'every check passed' : 'SOME CHECKS FAILED'}; results: ${path.relative(process.cwd(), file)}\n`,
);
process.exitCode = result.analysis.ok ? 0 : 1;
