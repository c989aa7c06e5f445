import {describe, expect, it} from 'vitest';
import {gmtOffsetMinutes, readCron, zoneName} from '../../source/core/cron-schedule.js';
import {compareOverviews, isOverdue, sourceOverview, type SourceRunTask} from '../../source/core/source-overview.js';

const at = (iso: string) => Date.parse(iso);

function run(
	id: string,
	launched: string,
	completed: string | null,
	completionStatus: string | null = completed === null ? null : 'SUCCESS',
): SourceRunTask {
	return {id, launched, completed, completionStatus, created: launched, messages: [], counts: {}};
}

describe('overdue on a simulated clock', () => {
	// Daily at 02:00 in a cluster 5 hours behind GMT: 07:00 UTC.
	const daily = readCron('0 0 2 1/1 * ? *', -300)!;

	it('a daily schedule: overdue once the fire is more than 2.4 h (a tenth of a day) past without a run', () => {
		const runs = [run('a', '2026-12-05T07:00:05Z', '2026-12-05T07:20:00Z')];
		expect(isOverdue(daily, runs, at('2026-12-06T06:59:00Z'))).toBe(false); // before the fire
		expect(isOverdue(daily, runs, at('2026-12-06T09:20:00Z'))).toBe(false); // 2 h 20 after: within the grace
		expect(isOverdue(daily, runs, at('2026-12-06T09:25:00Z'))).toBe(true); // 2 h 25 after
		// A run that started after the fire answers it.
		const answered = [...runs, run('b', '2026-12-06T07:00:04Z', '2026-12-06T07:30:00Z')];
		expect(isOverdue(daily, answered, at('2026-12-06T12:00:00Z'))).toBe(false);
	});

	it('an hourly schedule: the grace is 15 minutes (a tenth of an hour is less)', () => {
		const hourly = readCron('0 0 * * * ?', 0)!;
		const runs = [run('a', '2026-12-06T10:00:02Z', '2026-12-06T10:05:00Z')];
		expect(isOverdue(hourly, runs, at('2026-12-06T11:14:00Z'))).toBe(false);
		expect(isOverdue(hourly, runs, at('2026-12-06T11:16:00Z'))).toBe(true);
		expect(isOverdue(hourly, [...runs, run('b', '2026-12-06T11:00:03Z', '2026-12-06T11:04:00Z')], at('2026-12-06T11:16:00Z'))).toBe(false);
	});

	it('a weekday schedule (days 2-6 from Sunday = Monday to Friday): no fire at the weekend, overdue on Monday', () => {
		const weekdays = readCron('0 30 6 ? * 2-6', 0)!;
		// Friday's run; Saturday 2026-12-05 and Sunday 2026-12-06 have no fire.
		const runs = [run('fri', '2026-12-04T06:30:01Z', '2026-12-04T06:40:00Z')];
		expect(isOverdue(weekdays, runs, at('2026-12-06T23:00:00Z'))).toBe(false);
		expect(weekdays.fireAfter(at('2026-12-04T07:00:00Z'))).toBe(at('2026-12-07T06:30:00Z'));
		expect(isOverdue(weekdays, runs, at('2026-12-07T08:00:00Z'))).toBe(false); // 1.5 h after: within a tenth of a day
		expect(isOverdue(weekdays, runs, at('2026-12-07T09:00:00Z'))).toBe(true);
	});

	it('a run still going when the fire comes answers that fire, and a running source is never overdue', () => {
		const runs = [run('long', '2026-12-06T06:30:00Z', null)];
		expect(isOverdue(daily, runs, at('2026-12-06T12:00:00Z'))).toBe(false);
		// It ended after the fire: that fire was its own; the next one is tomorrow.
		const ended = [run('long', '2026-12-06T06:30:00Z', '2026-12-06T08:10:00Z')];
		expect(isOverdue(daily, ended, at('2026-12-06T12:00:00Z'))).toBe(false);
		expect(isOverdue(daily, ended, at('2026-12-07T09:30:00Z'))).toBe(true);
	});

	it("a source never seen to run counts from its creation; Quartz's L, W and # and a year are read", () => {
		expect(isOverdue(daily, [], at('2026-12-06T12:00:00Z'), at('2026-12-06T10:00:00Z'))).toBe(false);
		expect(isOverdue(daily, [], at('2026-12-06T12:00:00Z'))).toBe(true);
		expect(new Date(readCron('0 0 0 L * ?', 0)!.fireAfter(at('2027-02-03T00:00:00Z'))!).toISOString()).toBe('2027-02-28T00:00:00.000Z');
		expect(new Date(readCron('0 0 0 LW * ?', 0)!.fireAfter(at('2027-01-03T00:00:00Z'))!).toISOString()).toBe('2027-01-29T00:00:00.000Z');
		expect(new Date(readCron('0 0 0 ? * 2#1', 0)!.fireAfter(at('2026-12-08T00:00:00Z'))!).toISOString()).toBe('2027-01-04T00:00:00.000Z');
		expect(new Date(readCron('0 0 12 * * ? 2030', 0)!.fireAfter(at('2026-12-08T00:00:00Z'))!).toISOString()).toBe(
			'2030-01-01T12:00:00.000Z',
		);
		expect(readCron('every day at noon', 0)).toBeUndefined();
	});

	it('reads a cluster gmtOffset and names the zone', () => {
		expect(gmtOffsetMinutes('-5')).toBe(-300);
		expect(gmtOffsetMinutes('5.5')).toBe(330);
		expect(gmtOffsetMinutes('+05:30')).toBe(330);
		expect(gmtOffsetMinutes('Europe/Paris')).toBeUndefined();
		expect([zoneName(-300), zoneName(0), zoneName(330)]).toEqual(['GMT-5', 'UTC', 'GMT+5:30']);
	});
});

describe('attention', () => {
	const now = at('2026-12-06T12:00:00Z');
	const source = {tenant: 'acme', id: 's1', name: 'Workday'};
	const zone = {zone: 'UTC', zoneKnown: true};

	it('says each kind, and none for a source never aggregated without a schedule', () => {
		const failed = sourceOverview({source, runs: [run('f', '2026-12-06T10:00:00Z', '2026-12-06T10:05:00Z', 'Error')], schedule: null, now});
		expect(failed.attention).toEqual(['failed']);
		expect(failed.lastRun?.completionStatus).toBe('ERROR');
		const heldBack = sourceOverview({
			source,
			runs: [
				{
					...run('h', '2026-12-06T10:00:00Z', '2026-12-06T10:05:00Z', 'WARNING'),
					messages: [{type: 'WARN', text: 'Account deletion was skipped: 300 accounts exceed the delete threshold of 10%.'}],
				},
			],
			schedule: null,
			now,
		});
		expect(heldBack.attention).toEqual(['held-back']);
		expect(heldBack.lastRun).toMatchObject({deletionsHeldBack: true, warnings: 0});
		const warned = sourceOverview({
			source,
			runs: [{...run('w', '2026-12-06T10:00:00Z', '2026-12-06T10:05:00Z', 'WARNING'), messages: [{type: 'WARN', text: 'skipped one'}]}],
			schedule: null,
			now,
		});
		expect(warned.attention).toEqual(['warnings']);
		expect(sourceOverview({source: {...source, healthy: false}, runs: [], schedule: null, now}).attention).toEqual(['unhealthy']);
		expect(sourceOverview({source, runs: [], schedule: null, now}).attention).toEqual([]);
		const stalled = sourceOverview({
			source,
			runs: [{...run('r', '2026-12-06T11:00:00Z', null), modified: '2026-12-06T11:30:00Z'}],
			schedule: null,
			now,
		});
		expect(stalled.attention).toEqual(['stalled']);
		expect(stalled.running).toMatchObject({id: 'r', status: 'RUNNING'});
		const overdue = sourceOverview({
			source,
			runs: [run('o', '2026-12-05T01:00:00Z', '2026-12-05T01:10:00Z')],
			schedule: {expression: '0 0 2 * * ?', cron: readCron('0 0 2 * * ?', 0), ...zone},
			now,
		});
		expect(overdue).toMatchObject({
			overdue: true,
			attention: ['overdue'],
			schedule: {previous: '2026-12-06T02:00:00.000Z', next: '2026-12-07T02:00:00.000Z'},
		});
	});

	it('calls a source with no run seen overdue only when its task lists were read to their end', () => {
		const schedule = {expression: '0 0 2 * * ?', cron: readCron('0 0 2 * * ?', 0), ...zone};
		expect(sourceOverview({source, runs: [], schedule, now}).attention).toEqual(['overdue']);
		expect(sourceOverview({source, runs: [], schedule, now, runsComplete: false}).attention).toEqual([]);
	});

	it('shows an expression it cannot read as it is, without failing the line', () => {
		const line = sourceOverview({
			source,
			runs: [],
			schedule: {expression: '0 0 25 * * ?', cron: readCron('0 0 25 * * ?', 0), ...zone},
			now,
		});
		expect(line.schedule).toMatchObject({cron: '0 0 25 * * ?', previous: null, next: null, readable: false});
		expect(line.overdue).toBe(false);
	});

	it('sorts those needing attention first, the most pressing first, then running ones, then by name', () => {
		const lines = [
			sourceOverview({source: {...source, id: 'a', name: 'Alpha'}, runs: [], schedule: null, now}),
			sourceOverview({source: {...source, id: 'b', name: 'Beta', healthy: false}, runs: [], schedule: null, now}),
			sourceOverview({
				source: {...source, id: 'c', name: 'Gamma'},
				runs: [run('f', '2026-12-06T10:00:00Z', '2026-12-06T10:05:00Z', 'ERROR')],
				schedule: null,
				now,
			}),
			sourceOverview({source: {...source, id: 'd', name: 'Delta'}, runs: [run('r', '2026-12-06T11:59:00Z', null)], schedule: null, now}),
		];
		expect(lines.sort(compareOverviews).map(line => line.name)).toEqual(['Gamma', 'Beta', 'Delta', 'Alpha']);
	});
});
