import {describe, expect, it} from 'vitest';
import {createKeyedHeap} from '../../source/core/keyed-heap.js';

interface Item {
	key: string;
	due: number;
	position: number;
}

const before = (a: Item, b: Item): boolean => a.due < b.due || (a.due === b.due && a.position < b.position);
const byOrder = (a: Item, b: Item): number => a.due - b.due || a.position - b.position;

/** A small deterministic pseudo-random sequence (so a failure can be replayed). */
function randoms(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

describe('keyed heap', () => {
	it('gives the first and second items in order, through any mix of additions and removals by key', () => {
		const random = randoms(7);
		const held = new Map<string, Item>();
		let items = Array.from({length: 40}, (_, index): Item => ({key: `k${index}`, due: Math.floor(random() * 20), position: index}));
		for (const item of items) {
			held.set(item.key, item);
		}

		const heap = createKeyedHeap((item: Item) => item.key, before, items);
		let next = items.length;
		for (let step = 0; step < 2000; step++) {
			const keys = [...held.keys()];
			if (keys.length > 0 && random() < 0.5) {
				const key = keys[Math.floor(random() * keys.length)]!;
				expect(heap.remove(key)).toBe(held.get(key));
				held.delete(key);
			} else {
				// Ties on `due` are common: the position decides, as for rows due at the same moment.
				const item = {key: `k${next}`, due: Math.floor(random() * 20), position: next};
				next++;
				heap.push(item);
				held.set(item.key, item);
			}

			items = [...held.values()].sort(byOrder);
			expect(heap.size).toBe(items.length);
			expect(heap.first()).toBe(items[0]);
			expect(heap.second()).toBe(items[1]);
		}
	});

	it('knows which keys it holds, and removing a key it does not hold changes nothing', () => {
		const heap = createKeyedHeap((item: Item) => item.key, before, [
			{key: 'a', due: 2, position: 0},
			{key: 'b', due: 1, position: 1},
		]);
		expect(heap.remove('c')).toBeUndefined();
		expect(heap.has('a')).toBe(true);
		expect(heap.remove('b')?.key).toBe('b');
		expect(heap.has('b')).toBe(false);
		expect(heap.first()?.key).toBe('a');
		expect(heap.second()).toBeUndefined();
		expect(heap.remove('a')?.key).toBe('a');
		expect(heap.first()).toBeUndefined();
	});
});
