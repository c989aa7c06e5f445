import type {SimContext, SimRequest} from './state.js';
import {applyCollection} from './collection.js';
import {FilterError} from './filters.js';
import {TASK_FILTER_TYPE, toTaskStatus, type TaskStatusObject} from './task-status.js';
import {errorResponseDto, json, type Reply} from './reply.js';

/** GET /{v}/task-status: every aggregation that has started, as TaskStatus objects, with the standard collection parameters. */
export function handleTaskStatusList(context: SimContext, request: SimRequest): Reply {
	const now = context.now();
	const tasks: TaskStatusObject[] = [];
	for (const aggregation of context.aggregations.values()) {
		const task = toTaskStatus(aggregation, now, context.dates, context.taskShape);
		if (task !== undefined) {
			tasks.push(task);
		}
	}

	try {
		const page = applyCollection(tasks, request.query, {
			filterSupport: {
				id: ['eq', 'in'],
				sourceId: ['eq', 'in'],
				completionStatus: ['eq', 'in', 'isnull'],
				type: ['eq', 'in'],
			},
			read(task, field) {
				switch (field) {
					case 'id': {
						return task.id;
					}

					case 'sourceId': {
						return task.target.id;
					}

					case 'completionStatus': {
						return task.completionStatus;
					}

					case 'type': {
						return TASK_FILTER_TYPE;
					}

					default: {
						return undefined;
					}
				}
			},
			sortKeys: {created: task => task.created},
		});
		return json(200, page.items, page.headers);
	} catch (error) {
		if (error instanceof FilterError) {
			return errorResponseDto(400, error.message);
		}

		throw error;
	}
}

/** GET /{v}/task-status/{id}. */
export function handleTaskStatus(context: SimContext, id: string): Reply {
	const aggregation = context.aggregations.get(id);
	const task = aggregation === undefined ? undefined : toTaskStatus(aggregation, context.now(), context.dates, context.taskShape);
	return task === undefined ? errorResponseDto(404, `TaskStatus with the id ${id} was not found.`) : json(200, task);
}
