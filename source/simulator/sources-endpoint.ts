import type {SimContext, SimRequest, SimSourceRecord} from './state.js';
import {applyCollection} from './collection.js';
import {FilterError} from './filters.js';
import {isDelimitedFile, toSourceObject} from './source-object.js';
import {parseForm} from './request-body.js';
import {toLoadAccountsTask} from './task-status.js';
import {errorResponseDto, json, type Reply} from './reply.js';

/** GET /{v}/sources with filters on id, name and type, sorters and paging. */
export function handleSourceList(context: SimContext, request: SimRequest): Reply {
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
		return json(200, page.items.map(record => toSourceObject(record)), page.headers);
	} catch (error) {
		if (error instanceof FilterError) {
			return errorResponseDto(400, error.message);
		}

		throw error;
	}
}

export function handleSource(context: SimContext, id: string): Reply {
	const record = context.sources.get(id);
	return record === undefined ? errorResponseDto(404) : json(200, toSourceObject(record));
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

	const disable = (form.fields['disableOptimization'] ?? request.query['disableOptimization'] ?? '').toLowerCase() === 'true';
	const aggregation = context.launch(id, {disableOptimization: disable, launcher: clientId});
	return json(202, toLoadAccountsTask(aggregation));
}
