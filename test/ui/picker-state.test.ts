import {describe, expect, test} from 'vitest';
import {createPickerState, filterItems, reducePicker, type PickerAction, type PickerState} from '../../source/ui/picker/picker-state.js';

interface Item {
	key: string;
	name: string;
}

const items: Item[] = [
	{key: 'a', name: 'Active Directory'},
	{key: 'w', name: 'Workday'},
	{key: 'h', name: 'HR CSV'},
];

function run(actions: Array<PickerAction<Item>>, start: PickerState<Item> = createPickerState<Item>()): PickerState<Item> {
	return actions.reduce(reducePicker<Item>, start);
}

describe('loading', () => {
	test('open starts a load; its answer is applied, an older one is ignored', () => {
		let state = run([{type: 'open'}]);
		expect(state.status).toBe('loading');
		const first = state.request;
		state = run([{type: 'open'}], state);
		state = run([{type: 'loaded', request: first, items: [items[0]!]}], state);
		expect(state.status).toBe('loading'); // the picker was opened again: the first answer is stale
		state = run([{type: 'loaded', request: state.request, items}], state);
		expect(state.status).toBe('ready');
		expect(state.items).toEqual(items);
	});

	test('a failure keeps its message until the next load', () => {
		let state = run([{type: 'open'}]);
		state = run([{type: 'failed', request: state.request, error: 'HTTP 503'}], state);
		expect(state).toMatchObject({status: 'failed', error: 'HTTP 503'});
		state = run([{type: 'reload'}], state);
		expect(state.status).toBe('loading');
		expect(state.error).toBeUndefined();
	});

	test('opening afresh forgets filter, marks and cursor; reloading keeps them', () => {
		const list = {keys: ['a', 'w', 'h'], height: 5};
		let state = run([{type: 'open'}]);
		state = run(
			[
				{type: 'loaded', request: state.request, items},
				{type: 'type', text: 'wo'},
				{type: 'toggle-mark', key: 'w'},
				{type: 'move', by: 2, list},
			],
			state,
		);
		const reloaded = run([{type: 'reload'}], state);
		expect(reloaded).toMatchObject({filter: 'wo', marked: ['w'], selectedKey: 'h'});
		const reopened = run([{type: 'open'}], state);
		expect(reopened).toMatchObject({filter: '', marked: [], selectedIndex: 0, items: []});
		expect(reopened.selectedKey).toBeUndefined();
	});
});

describe('filter and marks', () => {
	test('typing filters (control characters dropped); Backspace and Ctrl-U erase', () => {
		let state = run([{type: 'type', text: 'wor\r'}]);
		expect(state.filter).toBe('wor');
		state = run([{type: 'erase'}], state);
		expect(state.filter).toBe('wo');
		state = run([{type: 'erase-line'}], state);
		expect(state.filter).toBe('');
	});

	test('Space toggles a mark; marks keep the order they were made in', () => {
		const state = run([
			{type: 'toggle-mark', key: 'w'},
			{type: 'toggle-mark', key: 'a'},
			{type: 'toggle-mark', key: 'h'},
			{type: 'toggle-mark', key: 'a'},
		]);
		expect(state.marked).toEqual(['w', 'h']);
	});

	test('a message goes with the next change', () => {
		let state = run([{type: 'message', message: {level: 'error', text: 'needs a file upload'}}]);
		expect(state.message?.text).toBe('needs a file upload');
		state = run([{type: 'type', text: 'x'}], state);
		expect(state.message).toBeUndefined();
	});

	test('filterItems needs every word, in any case', () => {
		const names = (filter: string) => filterItems(items, filter, item => item.name).map(item => item.key);
		expect(names('')).toEqual(['a', 'w', 'h']);
		expect(names('d')).toEqual(['a', 'w']);
		expect(names('ACT dir')).toEqual(['a']);
		expect(names('csv hr')).toEqual(['h']);
		expect(names('zzz')).toEqual([]);
	});
});
