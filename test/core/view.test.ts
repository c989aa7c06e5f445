import {describe, expect, it} from 'vitest';
import {filterRows, nextSort, sortRows} from '../../source/core/view.js';
import {collecting, seed, stateWith, T2, taskId} from './fixtures.js';

const rows = stateWith([
	seed(1, {addedAt: 30, label: 'Workday HR', snapshot: {...collecting(100), status: 'COMPLETED', start: '2025-01-01T10:00:00Z'}}),
	seed(2, {addedAt: 10, label: 'Active Directory', snapshot: {...collecting(500), start: '2025-01-01T09:00:00Z'}}),
	seed(3, {addedAt: 20, tenant: T2}),
	seed(4, {addedAt: 20, label: 'LDAP', snapshot: {...collecting(900), status: 'TERMINATED', start: '2025-01-01T11:00:00Z'}}),
	seed(5, {addedAt: 5, phase: 'expired', snapshot: collecting(50)}),
]).rows;

const ids = (list: readonly {id: string}[]) => list.map(r => Number.parseInt(r.id, 16));

describe('sortRows', () => {
	it('added: oldest first, ties in insertion order', () => {
		expect(ids(sortRows(rows, 'added'))).toEqual([5, 2, 3, 4, 1]);
	});

	it('status: running, waiting, failed, completed, unknown', () => {
		expect(ids(sortRows(rows, 'status'))).toEqual([2, 3, 4, 1, 5]);
	});

	it('progress: furthest along first, unknown last', () => {
		expect(ids(sortRows(rows, 'progress'))).toEqual([4, 2, 1, 5, 3]);
	});

	it('start: earliest first, unknown last', () => {
		expect(ids(sortRows(rows, 'start'))).toEqual([5, 2, 1, 4, 3]); // 5 started at midnight
	});

	it('leaves its input alone', () => {
		const before = [...rows];
		sortRows(rows, 'status');
		expect(rows).toEqual(before);
	});
});

describe('filterRows', () => {
	it('matches label, id, tenant and status, ignoring case', () => {
		expect(ids(filterRows(rows, 'workday'))).toEqual([1]);
		expect(ids(filterRows(rows, taskId(4).slice(-6)))).toEqual([4]);
		expect(ids(filterRows(rows, 'GLOBEX'))).toEqual([3]);
		expect(ids(filterRows(rows, 'terminated'))).toEqual([4]);
		expect(ids(filterRows(rows, 'expired'))).toEqual([5]);
	});

	it('needs every word to match', () => {
		expect(ids(filterRows(rows, 'acme completed'))).toEqual([1]);
		expect(ids(filterRows(rows, 'globex completed'))).toEqual([]);
	});

	it('returns the same array for blank text', () => {
		expect(filterRows(rows, '  ')).toBe(rows);
	});
});

describe('nextSort', () => {
	it('cycles through every key', () => {
		expect(nextSort('added')).toBe('status');
		expect(nextSort('status')).toBe('progress');
		expect(nextSort('progress')).toBe('start');
		expect(nextSort('start')).toBe('added');
	});
});
