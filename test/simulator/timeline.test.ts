import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {phaseAt, planDurationMs} from '../../source/simulator/timeline.js';
import type {SimAggregationPlan, SimOutcome} from '../../source/simulator/types.js';

const outcome: fc.Arbitrary<SimOutcome> = fc.oneof(
	fc.constant({type: 'COMPLETED'} as const),
	fc.record({type: fc.constant('CANCELLED' as const), afterMs: fc.integer({min: 0, max: 200_000})}),
	fc.record({type: fc.constant('TERMINATED' as const), retries: fc.integer({min: 0, max: 5}), retryMs: fc.integer({min: 1, max: 20_000})}),
);

const planArbitrary: fc.Arbitrary<SimAggregationPlan> = fc.record({
	id: fc.constant('a'.repeat(32)),
	sourceId: fc.constant('b'.repeat(32)),
	sourceName: fc.constant('Workday'),
	collectMs: fc.integer({min: 0, max: 30_000}),
	totalAccounts: fc.integer({min: 0, max: 300_000}),
	accountsPerSecond: fc.integer({min: 1, max: 5000}),
	totalAccountsMarkedForDeletion: fc.integer({min: 0, max: 1000}),
	totalIdentities: fc.integer({min: 0, max: 300_000}),
	outcome,
});

const END = new Set(['COMPLETED', 'CANCELLED', 'TERMINATED']);

describe('phaseAt', () => {
	it('never lets counts go backwards, exceed their totals, or leave an end state', () => {
		fc.assert(
			fc.property(planArbitrary, fc.array(fc.integer({min: 0, max: 400_000}), {minLength: 2, maxLength: 30}), (plan, times) => {
				const sorted = [...times].sort((a, b) => a - b);
				let previousProcessed = 0;
				let ended: string | undefined;
				for (const time of sorted) {
					const phase = phaseAt(plan, 0, time, Number.POSITIVE_INFINITY);
					expect(phase.kind).toBe('live');
					if (phase.kind !== 'live') {
						return;
					}

					const {body} = phase;
					if (ended !== undefined) {
						expect(body.status).toBe(ended);
					}

					if (END.has(body.status)) {
						ended = body.status;
					}

					const processed = body.processedAccounts ?? 0;
					expect(processed).toBeGreaterThanOrEqual(previousProcessed);
					expect(processed).toBeLessThanOrEqual(body.totalAccounts ?? 0);
					expect(body.deletedAccounts ?? 0).toBeLessThanOrEqual(body.totalAccountsMarkedForDeletion ?? 0);
					expect(body.processedIdentities ?? 0).toBeLessThanOrEqual(body.totalIdentities ?? 0);
					previousProcessed = processed;
				}
			}),
		);
	});

	it('ends exactly at planDurationMs and is gone exactly expiryMs later', () => {
		fc.assert(
			fc.property(planArbitrary, fc.integer({min: 1, max: 100_000}), (plan, expiryMs) => {
				const duration = planDurationMs(plan);
				const before = phaseAt(plan, 0, duration - 1, expiryMs);
				const atEnd = phaseAt(plan, 0, duration, expiryMs);
				if (duration > 0) {
					expect(before.kind === 'live' && END.has(before.body.status)).toBe(false);
				}

				expect(atEnd.kind === 'live' && END.has(atEnd.body.status)).toBe(true);
				expect(phaseAt(plan, 0, duration + expiryMs - 1, expiryMs).kind).toBe('live');
				expect(phaseAt(plan, 0, duration + expiryMs, expiryMs).kind).toBe('gone');
			}),
		);
	});

	it('shows counts only from ACCOUNTS_COLLECTED on', () => {
		fc.assert(
			fc.property(planArbitrary, fc.integer({min: 0, max: 400_000}), (plan, time) => {
				const phase = phaseAt(plan, 0, time, Number.POSITIVE_INFINITY);
				if (
					phase.kind === 'live' &&
					(phase.body.status === 'STARTED' || phase.body.status === 'RETRIED' || phase.body.status === 'TERMINATED')
				) {
					expect(phase.body.totalAccounts).toBeUndefined();
					expect(phase.body.processedAccounts).toBeUndefined();
				}
			}),
		);
	});
});
