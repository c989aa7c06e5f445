/**
 * The reducer of the sources at a glance (O), through the root reducer as the screen uses it: open, move, filter
 * (kept with Enter, restored with Esc), sort, details, the start question (its state kept while it is asked), and
 * tracking a running source's aggregation (back to the monitor list, on its row, whatever the list's filters were).
 */
import {describe, expect, test} from 'vitest';
import {rowKey} from '../../source/core/types.js';
import {glanceOf} from '../../source/ui/screens/tenant-sources/tenant-sources-actions.js';
import type {StartableSource} from '../../source/ui/monitor/commands.js';
import {selectedIndexIn, type ListView} from '../../source/ui/state/list-selection.js';
import type {GlanceView, ViewState} from '../../source/ui/state/screen-state.js';
import {createViewState, reduceView, type ViewAction} from '../../source/ui/state/view-state.js';

function run(actions: ViewAction[], start: ViewState = createViewState()): ViewState {
	return actions.reduce(reduceView, start);
}

function glance(view: ViewState): GlanceView {
	const own = glanceOf(view);
	if (own === undefined) {
		throw new Error(`not on the glance: ${view.mode}`);
	}

	return own;
}

const sources: ListView = {keys: ['demo\u0000a', 'demo\u0000b', 'demo\u0000c', 'demo\u0000d'], height: 10};
const JIRA: StartableSource = {id: 'src-jira', name: 'Jira', tenant: 'demo', type: 'Jira'};

describe('sources at a glance: the reducer', () => {
	test('opens on the first source, attention first, no filter, no details; the monitor list keeps its own state', () => {
		const before = run([{type: 'cycle-sort'}, {type: 'open-filter'}, {type: 'type', text: 'ad'}, {type: 'submit-filter'}]);
		const view = run([{type: 'open-glance'}], before);
		expect(view.mode).toBe('tenant-sources');
		expect(glance(view)).toMatchObject({filter: '', sort: 'attention', detail: false});
		expect(selectedIndexIn(glance(view), sources.keys)).toBe(0);
		// The monitor list's sort and filter are untouched, and are back on close.
		const closed = run([{type: 'close-screen'}], view);
		expect(closed.mode).toBe('normal');
		expect(closed.filter).toBe('ad');
		expect(closed.sort).toBe(before.sort);
	});

	test('moves its own cursor, not the monitor list', () => {
		const view = run([{type: 'open-glance'}, {type: 'glance-select', action: {type: 'move', by: 2, list: sources}}]);
		expect(glance(view).selectedKey).toBe('demo\u0000c');
		expect(view.selectedKey).toBeUndefined();
		const last = run([{type: 'glance-select', action: {type: 'jump', to: 'last', list: sources}}], view);
		expect(glance(last).selectedKey).toBe('demo\u0000d');
	});

	test('/ filters as typed; Enter keeps it; Esc in the prompt clears the filter and leaves it (k9s); Esc clears a kept filter, then closes', () => {
		let view = run([{type: 'open-glance'}, {type: 'glance-open-filter'}, {type: 'glance-type', text: 'jir'}]);
		expect(view.mode).toBe('tenant-sources-filtering');
		expect(glance(view).filter).toBe('jir');
		view = run([{type: 'glance-erase'}, {type: 'glance-type', text: 'ra\t'}, {type: 'glance-keep-filter'}], view);
		expect(view.mode).toBe('tenant-sources');
		expect(glance(view).filter).toBe('jira ');

		// Esc with the filter kept (the prompt closed) clears it, then goes back.
		view = run([{type: 'cancel'}], view);
		expect(view.mode).toBe('tenant-sources');
		expect(glance(view).filter).toBe('');

		// Esc in the prompt: the filter goes and the prompt closes, as in a picker's filter line.
		view = run([{type: 'glance-open-filter'}, {type: 'glance-type', text: 'zoom'}, {type: 'cancel'}], view);
		expect(view.mode).toBe('tenant-sources');
		expect(glance(view).filter).toBe('');

		view = run([{type: 'glance-open-filter'}, {type: 'glance-type', text: 'zoom'}, {type: 'glance-keep-filter'}, {type: 'cancel'}], view);
		expect(view.mode).toBe('tenant-sources');
		expect(glance(view).filter).toBe('');
		view = run([{type: 'cancel'}], view);
		expect(view.mode).toBe('normal');
	});

	test('a new filter starts from the first row', () => {
		const view = run([
			{type: 'open-glance'},
			{type: 'glance-select', action: {type: 'move', by: 3, list: sources}},
			{type: 'glance-open-filter'},
			{type: 'glance-type', text: 'x'},
		]);
		expect(glance(view).selectedKey).toBeUndefined();
		expect(glance(view).selectedIndex).toBe(0);
	});

	test('s cycles attention first, by name, last ended first, next run first, and round again', () => {
		const sorts: string[] = [];
		let view = run([{type: 'open-glance'}]);
		for (let index = 0; index < 4; index++) {
			view = run([{type: 'glance-sort'}], view);
			sorts.push(glance(view).sort);
		}

		expect(sorts).toEqual(['name', 'ended', 'next', 'attention']);
	});

	test('Enter shows and hides the details', () => {
		const view = run([{type: 'open-glance'}, {type: 'glance-detail'}]);
		expect(glance(view).detail).toBe(true);
		expect(glance(run([{type: 'glance-detail'}], view)).detail).toBe(false);
	});

	test('the start question keeps the glance as it was, and its answer comes back to it with what came of it', () => {
		const asked = run([
			{type: 'open-glance'},
			{type: 'glance-open-filter'},
			{type: 'glance-type', text: 'jira'},
			{type: 'glance-keep-filter'},
			{type: 'glance-detail'},
			{type: 'glance-ask-start', source: JIRA, question: 'Start Jira?'},
		]);
		expect(asked).toMatchObject({mode: 'confirm-source-start', pendingSource: JIRA, question: 'Start Jira?'});
		const no = run([{type: 'cancel'}], asked);
		expect(no.mode).toBe('tenant-sources');
		expect(glance(no)).toMatchObject({filter: 'jira', detail: true});

		const notice = {level: 'info' as const, text: 'Started an account aggregation on Jira (demo)'};
		const yes = run([{type: 'glance-answered', notice}], asked);
		expect(yes.mode).toBe('tenant-sources');
		expect(yes.notice).toEqual(notice);
		expect(glance(yes)).toMatchObject({filter: 'jira', detail: true});
	});

	test('the start question is only asked from the list of sources, not from its filter prompt', () => {
		const view = run([
			{type: 'open-glance'},
			{type: 'glance-open-filter'},
			{type: 'glance-ask-start', source: JIRA, question: 'Start Jira?'},
		]);
		expect(view.mode).toBe('tenant-sources-filtering');
	});

	test('tracking a running source goes to its row in the monitor list, clearing the filters that would hide it', () => {
		const key = rowKey('demo', '6a1ace06000000000000000000000000');
		const notice = {level: 'info' as const, text: 'Tracking the running aggregation of Entra ID (demo)'};
		const before = run([
			{type: 'open-filter'},
			{type: 'type', text: 'workday'},
			{type: 'submit-filter'},
			{type: 'cycle-tenant', tenants: ['acme', 'demo']},
		]);
		expect(before.tenantFilter).toBe('acme');
		const view = run([{type: 'open-glance'}, {type: 'glance-tracked', key, notice}], before);
		expect(view.mode).toBe('normal');
		expect(view.selectedKey).toBe(key);
		expect(view.filter).toBe('');
		expect(view.tenantFilter).toBeUndefined();
		expect(view.notice).toEqual(notice);
	});

	test('glance actions do nothing outside the glance', () => {
		const view = createViewState();
		for (const action of [{type: 'glance-sort'}, {type: 'glance-detail'}, {type: 'glance-type', text: 'x'}] as ViewAction[]) {
			expect(reduceView(view, action)).toBe(view);
		}
	});
});
