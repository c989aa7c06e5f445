import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {parseIdInput} from '../../source/ui/screens/list/id-input.js';
import {selectedIndexIn, visibleWindow, type ListView} from '../../source/ui/state/list-selection.js';
import type {ViewState} from '../../source/ui/state/screen-state.js';
import {createViewState, reduceView, type ViewAction} from '../../source/ui/state/view-state.js';

const keysOf = (count: number) => Array.from({length: count}, (_, index) => `t\u0000${index}`);
const list = (count: number, height = 5): ListView => ({keys: keysOf(count), height});

function run(actions: ViewAction[], start: ViewState = createViewState()): ViewState {
	return actions.reduce(reduceView, start);
}

/** `view`, checked to be in `mode`, with that mode's own fields. */
function inMode<M extends ViewState['mode']>(view: ViewState, mode: M): Extract<ViewState, {mode: M}> {
	expect(view.mode).toBe(mode);
	return view as Extract<ViewState, {mode: M}>;
}

describe('selection and scrolling', () => {
	test('starts on the first row; moves clamp at both ends', () => {
		const ten = list(10);
		let view = createViewState();
		expect(selectedIndexIn(view, ten.keys)).toBe(0);
		view = run([{type: 'move', by: -1, list: ten}], view);
		expect(selectedIndexIn(view, ten.keys)).toBe(0);
		view = run(
			Array.from({length: 15}, () => ({type: 'move', by: 1, list: ten}) as const),
			view,
		);
		expect(view.selectedKey).toBe(ten.keys[9]);
	});

	test('the window scrolls only when the selection would leave it', () => {
		const ten = list(10, 4);
		let view = run([{type: 'move', by: 3, list: ten}]);
		expect(visibleWindow(view, ten)).toEqual({start: 0, end: 4, selected: 3});
		view = run([{type: 'move', by: 1, list: ten}], view);
		expect(visibleWindow(view, ten)).toEqual({start: 1, end: 5, selected: 4});
		view = run([{type: 'move', by: -2, list: ten}], view);
		expect(visibleWindow(view, ten).start).toBe(1);
	});

	test('page and jump', () => {
		const many = list(100, 10);
		let view = run([{type: 'page', by: 1, list: many}]);
		expect(selectedIndexIn(view, many.keys)).toBe(9);
		view = run([{type: 'jump', to: 'last', list: many}], view);
		expect(visibleWindow(view, many)).toEqual({start: 90, end: 100, selected: 99});
		view = run([{type: 'page', by: -1, list: many}], view);
		expect(selectedIndexIn(view, many.keys)).toBe(90);
		view = run([{type: 'jump', to: 'first', list: many}], view);
		expect(visibleWindow(view, many)).toEqual({start: 0, end: 10, selected: 0});
	});

	test('the selection follows its row when the order changes', () => {
		const ten = list(10);
		const view = run([{type: 'move', by: 2, list: ten}]);
		const reversed = {keys: [...ten.keys].reverse(), height: 5};
		expect(selectedIndexIn(view, reversed.keys)).toBe(7);
		expect(visibleWindow(view, reversed).selected).toBe(7);
		expect(visibleWindow(view, reversed).start).toBe(3);
	});

	test('when the selected row goes, the cursor stays at its place (or the new last row)', () => {
		const ten = list(10);
		const view = run([{type: 'move', by: 4, list: ten}]);
		const without = ten.keys.filter(key => key !== view.selectedKey);
		expect(selectedIndexIn(view, without)).toBe(4);
		expect(selectedIndexIn(view, without.slice(0, 2))).toBe(1);
		expect(selectedIndexIn(view, [])).toBe(-1);
		const synced = reduceView(view, {type: 'sync-selection', list: {keys: without, height: 5}});
		expect(synced.selectedKey).toBe(without[4]);
	});

	test('property: whatever the moves, the selection is on screen and the window is within the list', () => {
		const action = fc.oneof(
			fc.integer({min: -30, max: 30}).map(by => ({kind: 'move' as const, by})),
			fc.constantFrom(-1 as const, 1 as const).map(by => ({kind: 'page' as const, by})),
			fc.constantFrom('first' as const, 'last' as const).map(to => ({kind: 'jump' as const, to})),
		);
		fc.assert(
			fc.property(
				fc.integer({min: 1, max: 300}),
				fc.integer({min: 1, max: 40}),
				fc.array(action, {maxLength: 40}),
				(count, height, actions) => {
					const current = list(count, height);
					let view = createViewState();
					for (const step of actions) {
						view = reduceView(
							view,
							step.kind === 'move'
								? {type: 'move', by: step.by, list: current}
								: step.kind === 'page'
									? {type: 'page', by: step.by, list: current}
									: {type: 'jump', to: step.to, list: current},
						);
						const window = visibleWindow(view, current);
						expect(window.selected).toBeGreaterThanOrEqual(window.start);
						expect(window.selected).toBeLessThan(window.end);
						expect(window.end - window.start).toBe(Math.min(height, count));
					}
				},
			),
		);
	});
});

describe('prompts', () => {
	test('the filter applies live, Enter keeps it, Esc in the prompt clears it (as k9s and every filter line here)', () => {
		let view = run([{type: 'open-filter'}, {type: 'type', text: 'wo'}, {type: 'type', text: 'rk'}]);
		expect(view.mode).toBe('filtering');
		expect(view.filter).toBe('work');
		view = run([{type: 'erase'}], view);
		expect(view.filter).toBe('wor');
		view = run([{type: 'submit-filter'}], view);
		expect(view).toMatchObject({mode: 'normal', filter: 'wor'});
		view = run([{type: 'open-filter'}, {type: 'erase-line'}, {type: 'type', text: 'x'}], view);
		expect(view.filter).toBe('x');
		view = run([{type: 'cancel'}], view);
		expect(view).toMatchObject({mode: 'normal', filter: ''});
		view = run([{type: 'open-filter'}, {type: 'type', text: 'ok'}, {type: 'submit-filter'}], view);
		expect(view).toMatchObject({mode: 'normal', filter: 'ok'});
		expect(run([{type: 'clear-filter'}], view).filter).toBe('');
	});

	test('the add prompt turns pasted new lines and tabs into spaces', () => {
		const view = run([{type: 'open-add'}, {type: 'type', text: 'a1\r\nb2\tc3'}]);
		expect(inMode(view, 'adding').prompt).toBe('a1 b2 c3');
	});

	test('submitting nothing keeps the prompt open with an error', () => {
		const view = run([{type: 'open-add'}, {type: 'submitted-add', result: parseIdInput('  ')}]);
		expect(view.mode).toBe('adding');
		expect(inMode(view, 'adding').messages[0]?.level).toBe('error');
	});

	test('rejected ids stay in the prompt with the reason; the rest are reported as added', () => {
		const good = 'a'.repeat(32);
		const view = run([
			{type: 'open-add', text: `${good} bad/id`},
			{type: 'submitted-add', result: parseIdInput(`${good} bad/id`)},
		]);
		expect(view.mode).toBe('adding');
		expect(inMode(view, 'adding').prompt).toBe('bad/id');
		expect(inMode(view, 'adding').messages.map(message => message.text)).toEqual([
			'Added 1 aggregation',
			expect.stringMatching(/^Rejected bad\/id: .*\//),
		]);
	});

	test('all accepted: the prompt closes and the summary stays in the footer', () => {
		const view = run([{type: 'open-add'}, {type: 'submitted-add', result: parseIdInput('2c9180835d2e5168015d32f890ca1581')}]);
		expect(view.mode).toBe('normal');
		expect(view.notice).toMatchObject({level: 'info', text: 'Added 1 aggregation'});
	});

	test('confirmations remember what they are about until answered', () => {
		let view = run([{type: 'ask', mode: 'confirm-remove', keys: ['k1'], question: 'Remove?'}]);
		expect(view).toMatchObject({mode: 'confirm-remove', pending: ['k1'], question: 'Remove?'});
		view = run([{type: 'answered', notice: {level: 'info', text: 'Removed'}}], view);
		expect(view).toMatchObject({mode: 'normal', notice: {text: 'Removed'}});
		// The rows asked about go with the question: only a confirmation has them.
		expect(view).not.toHaveProperty('pending');
		expect(view).not.toHaveProperty('question');
		expect(run([{type: 'ask', mode: 'confirm-remove', keys: [], question: 'x'}]).mode).toBe('normal');
	});
});

test('sort cycles added, status, severity, severity reversed, progress, start; prefs seed the state', () => {
	const sorts = [];
	let view = createViewState();
	for (let index = 0; index < 6; index++) {
		view = reduceView(view, {type: 'cycle-sort'});
		sorts.push(view.sort);
	}

	expect(sorts).toEqual(['status', 'severity', 'severity-reversed', 'progress', 'start', 'added']);
	expect(createViewState({sort: 'progress', detail: true})).toMatchObject({sort: 'progress', detailOpen: true});
});

test('help scrolls within its length', () => {
	let view = run([{type: 'open-help'}, {type: 'scroll-help', by: 50, max: 12}]);
	expect(inMode(view, 'help').helpScroll).toBe(12);
	view = run([{type: 'scroll-help', by: -100, max: 12}], view);
	expect(inMode(view, 'help').helpScroll).toBe(0);
	expect(run([{type: 'cancel'}], view).mode).toBe('normal');
});

describe('tenants, screens and alerts', () => {
	test('t cycles all tenants, each tenant in turn, then all again; a tenant that went away counts as all', () => {
		const tenants = ['acme', 'globex', 'initech'];
		const seen: Array<string | undefined> = [];
		let view = createViewState();
		for (let index = 0; index < 4; index++) {
			view = reduceView(view, {type: 'cycle-tenant', tenants});
			seen.push(view.tenantFilter);
		}

		expect(seen).toEqual(['acme', 'globex', 'initech', undefined]);
		view = reduceView({...createViewState(), tenantFilter: 'gone'}, {type: 'cycle-tenant', tenants});
		expect(view.tenantFilter).toBe('acme');
	});

	test('Esc goes back where a screen came from: the start confirmation to its picker, the history filter to the history', () => {
		const source = {id: 's1', name: 'Workday', tenant: 'acme'};
		let view = run([
			{type: 'open-screen', mode: 'sources'},
			{type: 'ask-start', source, question: 'Start?'},
		]);
		expect(view).toMatchObject({mode: 'confirm-start', pendingSource: source});
		view = run([{type: 'cancel'}], view);
		expect(view.mode).toBe('sources');
		expect(view).not.toHaveProperty('pendingSource');
		view = run([{type: 'cancel'}], view);
		expect(view.mode).toBe('normal');

		view = run([{type: 'open-screen', mode: 'history'}, {type: 'open-history-filter'}]);
		expect(view.mode).toBe('history-filtering');
		view = run([{type: 'cancel'}], view);
		expect(view.mode).toBe('history');
		view = run([{type: 'close-screen', notice: {level: 'info', text: 'done'}}], view);
		expect(view).toMatchObject({mode: 'normal', notice: {text: 'done'}});
	});

	test("a mode's own fields exist only in that mode; the list's survive every mode", () => {
		const ten = list(10);
		let view = run([{type: 'move', by: 3, list: ten}, {type: 'cycle-sort'}, {type: 'open-add'}, {type: 'type', text: 'abc'}]);
		expect(inMode(view, 'adding').prompt).toBe('abc');
		view = run([{type: 'cancel'}, {type: 'open-help'}, {type: 'scroll-help', by: 2, max: 9}], view);
		expect(view).not.toHaveProperty('prompt');
		expect(view).not.toHaveProperty('messages');
		view = run([{type: 'open-screen', mode: 'history'}], view);
		expect(view).not.toHaveProperty('helpScroll');
		view = run([{type: 'close-screen'}], view);
		expect(view).toMatchObject({mode: 'normal', selectedKey: ten.keys[3], sort: 'status'});
	});

	test('alerted keeps recent flashes only', () => {
		const flash = (key: string, at: number) => ({key, at, text: key, severity: 'success' as const});
		let view = run([{type: 'alerted', flashes: [flash('a', 1000)], now: 1000, keepMs: 8000}]);
		view = run([{type: 'alerted', flashes: [flash('b', 20_000)], now: 20_000, keepMs: 8000}], view);
		expect(view.flashes.map(item => item.key)).toEqual(['b']);
	});
});
