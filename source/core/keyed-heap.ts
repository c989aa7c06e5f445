/**
 * A binary min-heap of items with unique keys: the smallest item, and the one after it, at once; adding, and
 * removing any item by key, in O(log n). The poll order keeps each tenant's idle rows in one (poll-order.ts), so an
 * answer moves its row in the order without touching the others. Mutable: its owner decides who may see it.
 */
export interface KeyedHeap<T> {
	readonly size: number;
	/** The smallest item. */
	first(): T | undefined;
	/** The smallest item after first(). */
	second(): T | undefined;
	has(key: string): boolean;
	/** Adds `item`; an item with the same key must not be in the heap. */
	push(item: T): void;
	/** Removes the item with `key`, if any; returns it. */
	remove(key: string): T | undefined;
}

/** `before(a, b)`: a comes first. It must be a strict total order over the items held (ties broken by something unique). */
export function createKeyedHeap<T>(keyOf: (item: T) => string, before: (a: T, b: T) => boolean, items: readonly T[] = []): KeyedHeap<T> {
	const heap: T[] = [];
	const at = new Map<string, number>();

	function place(item: T, index: number): void {
		heap[index] = item;
		at.set(keyOf(item), index);
	}

	function up(index: number): void {
		const item = heap[index]!;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			const above = heap[parent]!;
			if (!before(item, above)) {
				break;
			}

			place(above, index);
			index = parent;
		}

		place(item, index);
	}

	function down(index: number): void {
		const item = heap[index]!;
		const {length} = heap;
		for (;;) {
			const left = 2 * index + 1;
			if (left >= length) {
				break;
			}

			const right = left + 1;
			const child = right < length && before(heap[right]!, heap[left]!) ? right : left;
			if (!before(heap[child]!, item)) {
				break;
			}

			place(heap[child]!, index);
			index = child;
		}

		place(item, index);
	}

	for (const item of items) {
		heap.push(item);
	}

	for (const [index, item] of heap.entries()) {
		at.set(keyOf(item), index);
	}

	for (let index = (heap.length >> 1) - 1; index >= 0; index--) {
		down(index);
	}

	return {
		get size() {
			return heap.length;
		},
		first: () => heap[0],
		second() {
			const left = heap[1];
			const right = heap[2];
			return left === undefined || right === undefined ? left : before(right, left) ? right : left;
		},
		has: key => at.has(key),
		push(item) {
			heap.push(item);
			up(heap.length - 1);
		},
		remove(key) {
			const index = at.get(key);
			if (index === undefined) {
				return undefined;
			}

			const item = heap[index]!;
			at.delete(key);
			const last = heap.pop()!;
			if (index < heap.length) {
				place(last, index);
				if (index > 0 && before(last, heap[(index - 1) >> 1]!)) {
					up(index);
				} else {
					down(index);
				}
			}

			return item;
		},
	};
}
