import {describe, expect, test} from 'vitest';
import {EVENTS_KEPT, EMPTY_EVENTS_LOG, logEvents, markSeen, tenantEvents, type LoggedEvent} from '../../source/alerts/events-log.js';
import type {Flash} from '../../source/alerts/end-transitions.js';
import type {MonitorState} from '../../source/core/types.js';
import {createViewState, reduceView} from '../../source/ui/state/view-state.js';
import {id, NOW, stateOf} from '../ui/fixtures.js';

function ended(at: number, text: string): LoggedEvent {
	return {at, kind: 'ended', text, severity: 'success'};
}

function withTenant(state: MonitorState, changes: Partial<MonitorState['tenants'][string]>): MonitorState {
	const acme = state.tenants['acme'];
	if (acme === undefined) {
		throw new Error('no tenant acme in the fixture');
	}

	return {...state, tenants: {...state.tenants, acme: {...acme, ...changes}}};
}

describe('the events log', () => {
	test('keeps events newest first, counts them unseen until marked seen', () => {
		const log = logEvents(logEvents(EMPTY_EVENTS_LOG, [ended(NOW, 'A'), ended(NOW + 1, 'B')]), [ended(NOW + 2, 'C')]);
		expect(log.events.map(event => event.text)).toEqual(['C', 'B', 'A']);
		expect(log.unseen).toBe(3);
		const seen = markSeen(log);
		expect(seen.unseen).toBe(0);
		expect(seen.events).toBe(log.events);
		expect(logEvents(seen, [ended(NOW + 3, 'D')]).unseen).toBe(1);
	});

	test(`keeps only the last ${EVENTS_KEPT}`, () => {
		const many = Array.from({length: EVENTS_KEPT + 20}, (_, index) => ended(NOW + index, `E${index}`));
		const log = logEvents(EMPTY_EVENTS_LOG, many);
		expect(log.events).toHaveLength(EVENTS_KEPT);
		expect(log.events[0]?.text).toBe(`E${EVENTS_KEPT + 19}`);
		expect(log.events.at(-1)?.text).toBe('E20');
		expect(log.unseen).toBe(EVENTS_KEPT);
	});

	test('a tenant whose credentials start failing, and a 429 pause, are events once each', () => {
		const before = stateOf([{id: id('0d'), label: 'Workday'}]);
		const failing = withTenant(before, {authError: {kind: 'auth', message: 'invalid_client', status: 401, trackingId: 't-1', at: NOW}});
		const events = tenantEvents(before, failing, NOW);
		expect(events).toEqual([
			{
				at: NOW,
				kind: 'tenant-stopped',
				text: 'acme: credentials failed, polling stopped: invalid_client (trackingId t-1)',
				severity: 'failure',
			},
		]);
		const stillFailing = withTenant(failing, {authError: {kind: 'auth', message: 'invalid_client', at: NOW + 5000}});
		expect(tenantEvents(failing, stillFailing, NOW + 5000)).toEqual([]);

		const paused = withTenant(before, {pausedUntil: NOW + 30_000});
		expect(tenantEvents(before, paused, NOW)).toEqual([
			{at: NOW, kind: 'tenant-paused', text: 'acme: rate-limited (429), paused for 30s', severity: 'warning'},
		]);
		// The same pause seen again, or lengthened while it lasts, is not a new event; a pause after it ended is.
		expect(tenantEvents(paused, withTenant(paused, {pausedUntil: NOW + 40_000}), NOW + 1000)).toEqual([]);
		expect(tenantEvents(paused, withTenant(paused, {pausedUntil: NOW + 90_000}), NOW + 60_000)).toHaveLength(1);
	});
});

describe('the view reducer logs every alert', () => {
	const flash = (index: number): Flash => ({key: `k${index}`, at: NOW + index, text: `Row ${index}: COMPLETED`, severity: 'success'});

	test('40 ends at once are 40 events, none hidden; opening the log marks them seen', () => {
		const forty = Array.from({length: 40}, (_, index) => flash(index));
		let view = reduceView(createViewState(), {type: 'alerted', flashes: forty, now: NOW + 40, keepMs: 8000});
		expect(view.events.events).toHaveLength(40);
		expect(view.events.events[0]?.text).toBe('Row 39: COMPLETED');
		expect(view.events.unseen).toBe(40);

		view = reduceView(view, {type: 'open-events'});
		expect(view.mode).toBe('events');
		expect(view.events.unseen).toBe(0);

		// An event logged while the log is open is seen at once; after Esc, new ones count again.
		view = reduceView(view, {
			type: 'alerted',
			flashes: [{...flash(50), severity: 'failure'}],
			now: NOW + 50,
			keepMs: 8000,
			kind: 'stalled',
		});
		expect(view.events.unseen).toBe(0);
		expect(view.events.events[0]).toMatchObject({kind: 'stalled', severity: 'failure'});
		view = reduceView(view, {type: 'cancel'});
		expect(view.mode).toBe('normal');
		view = reduceView(view, {type: 'logged', events: [ended(NOW + 60, 'later')]});
		expect(view.events.unseen).toBe(1);
		expect(view.events.events).toHaveLength(42);
	});

	test('flashes too old to flash are still logged', () => {
		const view = reduceView(createViewState(), {type: 'alerted', flashes: [flash(0)], now: NOW + 60_000, keepMs: 8000});
		expect(view.flashes).toEqual([]);
		expect(view.events.events.map(event => event.text)).toEqual(['Row 0: COMPLETED']);
	});
});
