import type {CallOptions, IscClient} from '../isc/client.js';
import {idInFilter, type TaskStatusQuery} from './aggregation-labels.js';

/**
 * The deleteThreshold of the source behind each aggregation of one tenant, for the deletion-risk warning. Few
 * requests: the source id comes from the task the name lookup already read (else one task-status request), and
 * each source is read (GET /v2025/sources/{id}) at most once for the life of the cache. A failed read is not
 * remembered, so it is tried again the next time it is asked for.
 */
export class SourceThresholds {
	readonly #client: TaskStatusQuery & Pick<IscClient, 'getSource'>;
	readonly #call: CallOptions;
	readonly #sourceIds = new Map<string, string>();
	readonly #thresholds = new Map<string, Promise<number | undefined>>();

	constructor(client: TaskStatusQuery & Pick<IscClient, 'getSource'>, call: CallOptions = {}) {
		this.#client = client;
		this.#call = call;
	}

	/** Records the source of an aggregation learnt elsewhere (the task-status read for its name). */
	rememberSource(aggregationId: string, sourceId: string): void {
		this.#sourceIds.set(aggregationId, sourceId);
	}

	/** The deleteThreshold of the aggregation's source, or undefined when the tenant does not say. */
	async forAggregation(aggregationId: string): Promise<number | undefined> {
		const sourceId = await this.sourceOf(aggregationId);
		return sourceId === undefined ? undefined : this.forSource(sourceId);
	}

	/** The id of the aggregation's source: known already, or one task-status read; undefined when the task does not say. */
	async sourceOf(aggregationId: string): Promise<string | undefined> {
		let sourceId = this.#sourceIds.get(aggregationId);
		if (sourceId === undefined) {
			const [task] = await this.#client.listTaskStatus({filters: idInFilter([aggregationId]), limit: 1, offset: 0}, this.#call);
			sourceId = task?.id === aggregationId ? task.target?.id : undefined;
			if (sourceId !== undefined) {
				this.#sourceIds.set(aggregationId, sourceId);
			}
		}

		return sourceId;
	}

	async forSource(sourceId: string): Promise<number | undefined> {
		let pending = this.#thresholds.get(sourceId);
		if (pending === undefined) {
			pending = this.#client.getSource(sourceId, this.#call).then(source => source.deleteThreshold);
			this.#thresholds.set(sourceId, pending);
			pending.catch(() => {
				this.#thresholds.delete(sourceId);
			});
		}

		return pending;
	}
}
