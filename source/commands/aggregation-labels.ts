import type {CallOptions} from '../isc/client.js';
import type {SourceNames} from '../isc/source-names.js';
import {stripSourceSuffix} from '../isc/source-names.js';
import type {TaskStatus} from '../isc/task-status.js';

/** GET /v2025/task-status with any filter: the part of IscClient that labelForAggregation needs. */
export interface TaskStatusQuery {
	listTaskStatus(query: {filters: string; limit?: number; offset?: number; sorters?: string}, options?: CallOptions): Promise<TaskStatus[]>;
}

/**
 * Ids per request. The API takes up to 250 (its page limit), but 250 quoted ids make a URL of about 11 KB once
 * encoded, past the 8 KB many gateways allow; 100 keep it near 4.5 KB.
 */
export const LABEL_BATCH_SIZE = 100;
const MAX_BATCH_SIZE = 250;

function quote(value: string): string {
	return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** `id in ("a","b")`: the task-status filter for these ids. */
export function idInFilter(ids: readonly string[]): string {
	return `id in (${ids.map(id => quote(id)).join(',')})`;
}

export interface LabelOptions {
	/** Looks up names a task target lacks (by the target's source id). Without it such ids get no label. */
	names?: SourceNames;
	/** Ids per request, 1 to 250. Default LABEL_BATCH_SIZE. */
	batchSize?: number;
	retries?: number;
	signal?: AbortSignal;
	/** Told the source id of each aggregation whose task names one (so it need not be asked for again). */
	onSourceId?(aggregationId: string, sourceId: string): void;
}

/**
 * The source name of each aggregation id, for the monitor's rows: GET /v2025/task-status?filters=id in (...),
 * batched, one request after the other (they count against the tenant's budget). Ids the tenant does not know
 * (older than its 90 days of task history, or never an aggregation) are absent from the map.
 */
export async function labelForAggregation(
	client: TaskStatusQuery,
	ids: readonly string[],
	options: LabelOptions = {},
): Promise<Map<string, string>> {
	const size = Math.min(MAX_BATCH_SIZE, Math.max(1, Math.floor(options.batchSize ?? LABEL_BATCH_SIZE)));
	const unique = [...new Set(ids)];
	const call: CallOptions = {
		...(options.retries === undefined ? {} : {retries: options.retries}),
		...(options.signal === undefined ? {} : {signal: options.signal}),
	};
	const labels = new Map<string, string>();
	const wanted = new Set(unique);
	for (let index = 0; index < unique.length; index += size) {
		const batch = unique.slice(index, index + size);
		const tasks = await client.listTaskStatus({filters: idInFilter(batch), limit: batch.length, offset: 0}, call);
		for (const task of tasks) {
			if (!wanted.has(task.id)) {
				continue;
			}

			if (task.target?.id !== undefined) {
				options.onSourceId?.(task.id, task.target.id);
			}

			const fromTarget = task.target?.name === undefined ? '' : stripSourceSuffix(task.target.name);
			const label = fromTarget === '' ? await lookUp(task, options) : fromTarget;
			if (label !== undefined) {
				labels.set(task.id, label);
				if (fromTarget !== '' && task.target?.id !== undefined) {
					options.names?.remember(task.target.id, fromTarget);
				}
			}
		}
	}

	return labels;
}

async function lookUp(task: TaskStatus, options: LabelOptions): Promise<string | undefined> {
	const sourceId = task.target?.id;
	if (sourceId === undefined || options.names === undefined) {
		return undefined;
	}

	return options.names.nameForSourceId(sourceId, options.signal === undefined ? {} : {signal: options.signal});
}
