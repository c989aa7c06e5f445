import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {buildChild, runTogether} from './helpers/children.js';
import {tempDirs} from './helpers/temp-dirs.js';

const temp = tempDirs();
let child: ReturnType<typeof buildChild>;
const cleanups: Array<() => void> = [];

beforeAll(() => {
	child = buildChild();
});

afterAll(() => {
	child.cleanup();
});

afterEach(() => {
	for (const cleanup of cleanups.splice(0)) {
		cleanup();
	}

	temp.cleanup();
});

function nextCall(subscribe: (callback: () => void) => () => void): Promise<void> {
	return new Promise(resolve => {
		const unsubscribe = subscribe(() => {
			unsubscribe();
			resolve();
		});
	});
}

describe('watch', () => {
	it('tells a running monitor about rows another process tracked, but not about its own writes', async () => {
		const cwd = temp.make();
		const {store} = openStore({cwd});
		// What the store held each time the callback ran.
		const seen: string[][] = [];
		cleanups.push(
			store.watch(() => {
				seen.push(store.listTracked().map(row => row.id));
			}),
		);

		store.addTracked([{id: 'own', tenant: 'acme', addedAt: 1}]);
		store.setPrefs({sort: 'status'});
		await runTogether(child.script, [['add', cwd, 'acme', 'other', '1']]);

		await vi.waitFor(() => {
			expect(seen.at(-1)).toEqual(['own', 'other-0']);
		}, 5000);
		// Starting the child takes far longer than the debounce: a call for our own writes would have come first.
		expect(seen).toHaveLength(1);
	});

	it('still reports another writer whose change it wrote over right after', async () => {
		const cwd = temp.make();
		const monitor = openStore({cwd, watchDebounceMs: 100}).store;
		const other = openStore({cwd}).store;
		const callback = vi.fn();
		cleanups.push(monitor.watch(callback));

		other.addTracked([{id: 'theirs', tenant: 'acme', addedAt: 1}]);
		monitor.saveSnapshots([]);
		monitor.addTracked([{id: 'mine', tenant: 'acme', addedAt: 2}]);

		await vi.waitFor(() => {
			expect(callback).toHaveBeenCalledTimes(1);
		}, 5000);
		expect(monitor.listTracked().map(row => row.id)).toEqual(['theirs', 'mine']);
	});

	it('stops calling after unsubscribe', async () => {
		const cwd = temp.make();
		const monitor = openStore({cwd}).store;
		const other = openStore({cwd}).store;
		const first = vi.fn();
		monitor.watch(first)();

		other.addTracked([{id: 'theirs', tenant: 'acme', addedAt: 1}]);
		// A new subscription reports the change made since the store last looked; the old one hears nothing.
		await nextCall(callback => monitor.watch(callback));
		expect(first).not.toHaveBeenCalled();
	});
});
