/**
 * The simulators' own truth, sampled through the run: aggregations() says what each status endpoint answers now
 * (or GONE once expired). The last live status seen before GONE is the aggregation's final status, so one that
 * expired during the run still has a known end.
 */
import type {SoakSimulator} from './simulators.js';

export interface TruthRecord {
	/** The last status the simulator reported while the aggregation was live. */
	lastLive?: string;
	/** Its counts then, when it had any. */
	processedAccounts?: number;
	totalAccounts?: number;
	/** First sample that found it GONE (expired), epoch ms. */
	goneAt?: number;
}

const END_STATUSES = new Set(['COMPLETED', 'CANCELLED', 'TERMINATED']);

export function isEndStatus(status: string | undefined): boolean {
	return status !== undefined && END_STATUSES.has(status);
}

export class TruthTracker {
	readonly #tenants: readonly SoakSimulator[];
	readonly #records = new Map<string, TruthRecord>();
	#timer: NodeJS.Timeout | undefined;

	constructor(tenants: readonly SoakSimulator[]) {
		this.#tenants = tenants;
	}

	/** Records every aggregation's state now. */
	sample(now = Date.now()): void {
		for (const tenant of this.#tenants) {
			for (const view of tenant.sim.aggregations()) {
				const key = `${tenant.spec.name}/${view.id}`;
				const record = this.#records.get(key) ?? {};
				if (view.status === 'GONE') {
					record.goneAt ??= now;
				} else if (view.status !== 'PENDING') {
					record.lastLive = view.status;
					record.processedAccounts = view.processedAccounts;
					record.totalAccounts = view.totalAccounts;
				}

				this.#records.set(key, record);
			}
		}
	}

	start(periodMs: number): void {
		this.sample();
		this.#timer = setInterval(() => {
			this.sample();
		}, periodMs);
	}

	stop(): void {
		clearInterval(this.#timer);
		this.sample();
	}

	/** What the simulator of `tenant` knew of `id`; undefined for an id it never had. */
	record(tenant: string, id: string): TruthRecord | undefined {
		return this.#records.get(`${tenant}/${id}`);
	}
}
