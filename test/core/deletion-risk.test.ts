import {describe, expect, test} from 'vitest';
import {deletionRisk} from '../../source/core/deletion-risk.js';

const running = (marked: number, deleted = 0, total = 4000) => ({
	status: 'ACCOUNTS_COLLECTED',
	totalAccounts: total,
	processedAccounts: 100,
	totalAccountsMarkedForDeletion: marked,
	deletedAccounts: deleted,
});

describe('deletionRisk', () => {
	test('nothing marked and nothing deleted: nothing to show', () => {
		expect(deletionRisk(running(0), 'running', {thresholdPercent: 10})).toBeUndefined();
		expect(deletionRisk({status: 'STARTED'}, 'running')).toBeUndefined();
	});

	test("warns while it runs when the marked share of the last run's accounts is over the threshold", () => {
		const risk = deletionRisk(running(900), 'running', {thresholdPercent: 10, lastRunAccounts: 5000});
		expect(risk).toMatchObject({
			marked: 900,
			deleted: 0,
			basis: {accounts: 5000, from: 'last-run'},
			sharePercent: 18,
			over: true,
			heldBack: false,
		});
		expect(deletionRisk(running(400), 'running', {thresholdPercent: 10, lastRunAccounts: 5000})?.over).toBe(false);
	});

	test("without an earlier run the share is of this run's total, and says so", () => {
		expect(deletionRisk(running(500, 0, 4000), 'running', {thresholdPercent: 10})).toMatchObject({
			basis: {accounts: 4000, from: 'this-run'},
			sharePercent: 12.5,
			over: true,
		});
	});

	test('without a known threshold the counts still show but nothing is called over', () => {
		expect(deletionRisk(running(900), 'running', {lastRunAccounts: 1000})).toMatchObject({marked: 900, over: false});
	});

	test('a COMPLETED run that marked accounts but deleted fewer held its deletions back', () => {
		const end = {...running(900, 0), status: 'COMPLETED'};
		expect(deletionRisk(end, 'ended', {thresholdPercent: 10})).toMatchObject({heldBack: true, thresholdPercent: 10});
		expect(deletionRisk({...end, deletedAccounts: 900}, 'ended', {thresholdPercent: 10})?.heldBack).toBe(false);
		// A cancelled run deleted fewer because it stopped, not because of the threshold.
		expect(deletionRisk({...end, status: 'CANCELLED'}, 'ended', {thresholdPercent: 10})?.heldBack).toBe(false);
	});

	test('a task that says "Account deletion was skipped" held the deletions back, even with no counts left (past the hour)', () => {
		const skipped = {
			completionStatus: 'Warning',
			messages: [{type: 'WARN', text: 'Account deletion was skipped: 900 accounts marked for deletion exceed the threshold of 10%.'}],
			counts: {},
		};
		expect(deletionRisk(undefined, 'expired', {}, skipped)).toMatchObject({heldBack: true, countsKnown: false});
		expect(deletionRisk({status: 'COMPLETED'}, 'ended', {}, skipped)).toMatchObject({heldBack: true, countsKnown: false});
		// Another warning says nothing of deletions.
		const other = {...skipped, messages: [{type: 'WARN', text: 'Account "svc-backup" has no sAMAccountName; it was skipped.'}]};
		expect(deletionRisk(undefined, 'expired', {}, other)).toBeUndefined();
		// While it runs the message cannot be there yet; a running row's task is not read.
		expect(deletionRisk(undefined, 'running', {}, skipped)).toBeUndefined();
	});
});
