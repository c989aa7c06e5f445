import {describe, expect, it} from 'vitest';
import {filterRows, needsAttention, nextSort, severityRank, sortRows, type RowConcerns} from '../../source/core/view.js';
import type {TaskOutcome} from '../../source/domain/outcome.js';
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
		expect(nextSort('status')).toBe('severity');
		expect(nextSort('severity')).toBe('severity-reversed');
		expect(nextSort('severity-reversed')).toBe('progress');
		expect(nextSort('progress')).toBe('start');
		expect(nextSort('start')).toBe('added');
	});
});

const task = (completionStatus: string, messages: TaskOutcome['messages'] = []): TaskOutcome => ({completionStatus, messages, counts: {}});
const ended = (status: string) => ({...collecting(1000), status});
/** One row of each kind severity tells apart, added in an order that is not the severity order. */
const kinds = stateWith([
	seed(1, {addedAt: 1, label: 'done', phase: 'ended', snapshot: ended('COMPLETED'), task: task('SUCCESS')}),
	seed(2, {addedAt: 2, label: 'running', snapshot: collecting(10)}),
	seed(3, {addedAt: 3, label: 'warned', phase: 'ended', snapshot: ended('COMPLETED'), task: task('WARNING')}),
	seed(4, {addedAt: 4, label: 'stalled', snapshot: collecting(20)}),
	seed(5, {addedAt: 5, label: 'held', phase: 'ended', snapshot: ended('COMPLETED'), task: task('SUCCESS')}),
	seed(6, {addedAt: 6, label: 'errors', phase: 'ended', snapshot: ended('COMPLETED'), task: task('ERROR')}),
	seed(7, {addedAt: 7, label: 'failed', phase: 'ended', snapshot: ended('TERMINATED')}),
	seed(8, {addedAt: 8, label: 'cancelled', phase: 'ended', snapshot: ended('CANCELLED')}),
]).rows;
const concerns = (row: {label?: string}): RowConcerns | undefined =>
	row.label === 'stalled' ? {stalled: true} : row.label === 'held' ? {heldBack: true} : undefined;
const labels = (list: readonly {label?: string}[]) => list.map(r => r.label);

describe('severity', () => {
	it('sorts failed, errors, held back, stalled, warnings, cancelled, running, done', () => {
		expect(labels(sortRows(kinds, 'severity', concerns))).toEqual([
			'failed',
			'errors',
			'held',
			'stalled',
			'warned',
			'cancelled',
			'running',
			'done',
		]);
	});

	it('reverses: the calmest first, the failures last', () => {
		expect(labels(sortRows(kinds, 'severity-reversed', concerns))).toEqual([
			'done',
			'running',
			'cancelled',
			'warned',
			'stalled',
			'held',
			'errors',
			'failed',
		]);
	});

	it('without concerns, a stalled or held-back row ranks by its status alone', () => {
		expect(severityRank(kinds[4]!)).toBe(severityRank(kinds[0]!));
	});

	it('needs attention: failed, errors, held back, stalled, warnings; not cancelled, running or done', () => {
		expect(labels(kinds.filter(row => needsAttention(row, concerns(row))))).toEqual(['warned', 'stalled', 'held', 'errors', 'failed']);
	});

	it('status sort puts a completed run with errors with the failures, not the successes', () => {
		const sorted = labels(sortRows(kinds, 'status'));
		expect(sorted.indexOf('errors')).toBeLessThan(sorted.indexOf('done'));
		expect(sorted.indexOf('errors')).toBeLessThan(sorted.indexOf('warned'));
		expect(sorted.slice(sorted.indexOf('errors') - 1, sorted.indexOf('errors') + 2)).toContain('failed');
	});
});

describe('filterRows with what the row shows', () => {
	it('matches the words of shown(row), e.g. its badge and marks', () => {
		const shown = (row: {label?: string}) =>
			row.label === 'warned' ? 'completed\n3 warnings' : row.label === 'stalled' ? 'stalled? 38s' : '';
		expect(labels(filterRows(kinds, 'warnings', shown))).toEqual(['warned']);
		expect(labels(filterRows(kinds, 'stalled', shown))).toEqual(['stalled']);
		expect(labels(filterRows(kinds, 'warnings'))).toEqual([]);
	});
});
