import type {SimContext, SimRequest, SimSourceRecord} from './state.js';
import {applyCollection} from './collection.js';
import {FilterError} from './filters.js';
import {isDelimitedFile, toManagedClusterObject, toSourceObject} from './source-object.js';
import {parseForm} from './request-body.js';
import {toLoadAccountsTask, toRefusedLoadAccountsTask} from './task-status.js';
import {phaseAt} from './timeline.js';
import {errorResponseDto, json, type Reply} from './reply.js';

const ENDED = new Set(['COMPLETED', 'CANCELLED', 'TERMINATED']);

/**
 * GET /{v}/sources with filters on id, name and type, sorters and paging. A SOURCE_SUBADMIN must pass `for-subadmin`
 * (e.g. "me") or gets 403, as the document says; the simulator lets a subadmin administer every source.
 */
export function handleSourceList(context: SimContext, request: SimRequest, clientId: string): Reply {
	const forSubadmin = request.query['for-subadmin'];
	if (context.profiles.get(clientId)?.userLevel === 'SOURCE_SUBADMIN' && (forSubadmin === undefined || forSubadmin === '')) {
		return errorResponseDto(403, 'The server understood the request but refuses to authorize it.');
	}

	try {
		const page = applyCollection([...context.sources.values()], request.query, {
			filterSupport: {
				id: ['eq', 'in', 'ne', 'isnull', 'sw'],
				name: ['co', 'eq', 'in', 'sw', 'ne', 'isnull'],
				type: ['eq', 'in', 'ne', 'isnull', 'sw'],
			},
			read(record: SimSourceRecord, field) {
				switch (field) {
					case 'id': {
						return record.source.id;
					}

					case 'name': {
						return record.source.name;
					}

					case 'type': {
						return record.source.type;
					}

					default: {
						return undefined;
					}
				}
			},
			sortKeys: {
				name: record => record.source.name.toLowerCase(),
				id: record => record.source.id,
				type: record => record.source.type.toLowerCase(),
				created: record => record.createdEpochMs,
			},
		});
		return json(
			200,
			page.items.map(record => toSourceObject(record, context.clusters)),
			page.headers,
		);
	} catch (error) {
		if (error instanceof FilterError) {
			return errorResponseDto(400, error.message);
		}

		throw error;
	}
}

export function handleSource(context: SimContext, id: string): Reply {
	const record = context.sources.get(id);
	return record === undefined ? errorResponseDto(404) : json(200, toSourceObject(record, context.clusters));
}

/** GET /{v}/sources/{sourceId}/schedules: the source's schedules (an empty list when it has none). */
export function handleSourceSchedules(context: SimContext, id: string): Reply {
	const record = context.sources.get(id);
	return record === undefined
		? errorResponseDto(404)
		: json(
				200,
				(record.source.schedules ?? []).map(schedule => ({
					type: schedule.type ?? 'ACCOUNT_AGGREGATION',
					cronExpression: schedule.cronExpression,
				})),
			);
}

/** GET /{v}/managed-clusters/{id}: ORG_ADMIN only, as the document's user levels say. */
export function handleManagedCluster(context: SimContext, id: string, clientId: string): Reply {
	if (context.profiles.get(clientId)?.userLevel !== 'ORG_ADMIN') {
		return errorResponseDto(403, 'The server understood the request but refuses to authorize it.');
	}

	const cluster = context.clusters.get(id);
	return cluster === undefined ? errorResponseDto(404) : json(200, toManagedClusterObject(cluster));
}

/**
 * POST /{v}/sources/{id}/load-accounts (multipart/form-data, possibly empty). Reads `disableOptimization`.
 * A delimited-file source needs its CSV in a `file` part, or ISC answers 400.
 */
export function handleLoadAccounts(context: SimContext, request: SimRequest, id: string, clientId: string): Reply {
	const record = context.sources.get(id);
	if (record === undefined) {
		return errorResponseDto(404);
	}

	const form = parseForm(request.body, request.headers['content-type']);
	if (isDelimitedFile(record.source.type) && !form.files.some(file => file.field === 'file')) {
		return errorResponseDto(400, `A CSV file is required to aggregate the delimited file source "${record.source.name}".`);
	}

	// ISC starts no second aggregation of a source while one runs: it answers 202 with a task that says so.
	const now = context.now();
	const running = [...context.aggregations.values()].some(aggregation => {
		if (aggregation.plan.sourceId !== id) {
			return false;
		}

		const phase = phaseAt(aggregation.plan, aggregation.startEpochMs, now, Number.POSITIVE_INFINITY);
		return phase.kind === 'live' && !ENDED.has(phase.body.status);
	});
	if (running) {
		return json(202, toRefusedLoadAccountsTask(record, clientId, now, context.dates));
	}

	const disable = (form.fields['disableOptimization'] ?? request.query['disableOptimization'] ?? '').toLowerCase() === 'true';
	const aggregation = context.launch(id, {disableOptimization: disable, launcher: clientId});
	return json(202, toLoadAccountsTask(aggregation, context.dates));
}
