import {describe, expect, test} from 'vitest';
import type {TaskOutcome} from '../../source/domain/outcome.js';
import {figuresText, fit, itOrThem, outcomeText, plural, spelledPlural, taskTally, tallyText} from '../../source/domain/text.js';

function task(types: string[], counts: Record<string, number> = {}): TaskOutcome {
	return {completionStatus: 'WARNING', messages: types.map(type => ({type, text: `a ${type} message`})), counts};
}

describe('the words every command and screen shares', () => {
	test('a count and its noun: singular for one, thousands separated', () => {
		expect(plural(1, 'warning')).toBe('1 warning');
		expect(plural(0, 'error')).toBe('0 errors');
		expect(plural(1200, 'account')).toBe('1,200 accounts');
		expect(spelledPlural(1, 'aggregation')).toBe('one aggregation');
		expect(spelledPlural(3, 'aggregation')).toBe('3 aggregations');
		expect(itOrThem(1)).toBe('it');
		expect(itOrThem(2)).toBe('them');
	});

	test('the tally of warnings and errors names only what there is, warnings first', () => {
		expect(tallyText(3, 2)).toBe('3 warnings, 2 errors');
		expect(tallyText(1, 0)).toBe('1 warning');
		expect(tallyText(0, 1)).toBe('1 error');
		expect(tallyText(0, 0)).toBe('');
		expect(tallyText(1500, 0)).toBe('1,500 warnings');
	});

	test("a task's tally counts WARN* messages as warnings and ERROR as errors, not INFO", () => {
		expect(taskTally(task(['WARN', 'WARNING', 'ERROR', 'INFO', 'error']))).toBe('2 warnings, 2 errors');
		expect(taskTally(task(['INFO']))).toBe('');
	});

	test('an outcome is its completion status, with the tally in brackets when there is one', () => {
		expect(outcomeText('WARNING', 2, 0)).toBe('WARNING (2 warnings)');
		expect(outcomeText('SUCCESS', 0, 0)).toBe('SUCCESS');
	});

	test('figures read in the words of the end-of-aggregation trigger, scanned first, thousands separated', () => {
		expect(figuresText({updated: 5400, total: 48_000, created: 600})).toBe('scanned 48,000 · added 600 · changed 5,400');
		expect(figuresText({})).toBeUndefined();
	});

	test('fit pads, aligns and cuts with an ellipsis', () => {
		expect(fit('abc', 5, 'left', '…')).toBe('abc  ');
		expect(fit('abc', 5, 'right', '…')).toBe('  abc');
		expect(fit('abcdef', 4, 'left', '…')).toBe('abc…');
		expect(fit('abcdef', 4, 'left', '~')).toBe('abc~');
		expect(fit('abcdef', 4)).toBe('abc…');
		expect(fit('abc', 0, 'left', '…')).toBe('');
	});
});
