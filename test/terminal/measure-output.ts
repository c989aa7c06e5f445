/**
 * Measures what the full-screen layer writes in a real pty, for the numbers in reports and benchmarks:
 *
 *   node scripts/run-ts.mjs test/terminal/measure-output.ts [--cols 100] [--rows 30] [--spinners 20] [--seconds 3]
 *
 * Prints one JSON object: first frame, idle, one-line change, all-rows change and burst bytes for the counter
 * fixture, then bytes/s and CPU for the spinner screen.
 */
import {readFileSync} from 'node:fs';
import {spawnPty, type PtySession} from '../helpers/pty.js';
import {buildFixture, fixtureEnvironment} from './build-fixture.js';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index === -1 ? Number.NaN : Number(process.argv[index + 1]);
	return Number.isNaN(value) ? fallback : value;
}

const cols = option('cols', 100);
const rows = option('rows', 30);
const spinners = option('spinners', 20);
const seconds = option('seconds', 3);

function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function delta(session: PtySession, action: () => Promise<void>): Promise<number> {
	const before = session.bytesWritten;
	await action();
	return session.bytesWritten - before;
}

const wait = async (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));
const fixture = await buildFixture('test/terminal/fixtures/counter-app.tsx');
try {
	const counter = spawnPty(process.execPath, [fixture.file], {cols, rows, env: fixtureEnvironment});
	await counter.waitForText('count 0');
	await wait(300);
	const firstFrame = counter.bytesWritten;
	const idle = await delta(counter, async () => wait(seconds * 1000));
	const oneLine = await delta(counter, async () => {
		await counter.write('m');
		await counter.waitForText('marked');
		await wait(200);
	});
	const allRows = await delta(counter, async () => {
		await counter.write('+');
		await counter.waitForText('count 1');
		await wait(200);
	});
	const burst = await delta(counter, async () => {
		await counter.write('b');
		await counter.waitForText('count 301');
		await wait(200);
	});
	await counter.write('q');
	await counter.waitForExit();
	counter.dispose();

	const spinner = spawnPty(process.execPath, [fixture.file, '--spinners', String(spinners)], {cols, rows, env: fixtureEnvironment});
	await spinner.waitForText(`aggregation-${String(spinners).padStart(2, '0')}`);
	await wait(500);
	const startCpu = cpuSeconds(spinner.pid);
	const startedAt = performance.now();
	const spinnerBytes = await delta(spinner, async () => wait(seconds * 1000));
	const elapsed = (performance.now() - startedAt) / 1000;
	const cpu = cpuSeconds(spinner.pid) - startCpu;
	await spinner.write('q');
	await spinner.waitForExit();
	spinner.dispose();

	console.log(
		JSON.stringify(
			{
				terminal: `${cols}x${rows}`,
				firstFrameBytes: firstFrame,
				idleBytes: {bytes: idle, seconds},
				oneLineChangeBytes: oneLine,
				allRowsChangeBytes: allRows,
				burstOf300UpdatesBytes: burst,
				spinners: {
					rows: spinners,
					bytesPerSecond: Math.round(spinnerBytes / elapsed),
					cpuPercent: Math.round((cpu / elapsed) * 1000) / 10,
				},
			},
			null,
			'\t',
		),
	);
} finally {
	await fixture.remove();
}
