import {FilterError, checkSupport, matchesFilters, parseFilters, type FilterSupport} from './filters.js';

/**
 * ISC's standard collection parameters for list endpoints: filters, sorters, limit (0..250, default 250),
 * offset (default 0) and count=true (X-Total-Count). Bad values throw FilterError, which endpoints answer with 400.
 */
export interface CollectionSpec<T> {
	filterSupport: FilterSupport;
	/** Reads a filterable field of an item. */
	read: (item: T, field: string) => string | null | undefined;
	/** Sortable fields and how to read a comparable key. */
	sortKeys: Record<string, (item: T) => string | number>;
}

export interface CollectionPage<T> {
	items: T[];
	total: number;
	/** Headers to send: X-Total-Count when count=true was asked for. */
	headers: Record<string, string>;
}

function integerParameter(query: Record<string, string>, name: string, fallback: number, max?: number): number {
	const raw = query[name];
	if (raw === undefined || raw === '') {
		return fallback;
	}

	if (!/^\d+$/.test(raw)) {
		throw new FilterError(`The "${name}" parameter must be a whole number of 0 or more`);
	}

	const value = Number(raw);
	if (max !== undefined && value > max) {
		throw new FilterError(`The "${name}" parameter must be at most ${max}`);
	}

	return value;
}

export function applyCollection<T>(items: readonly T[], query: Record<string, string>, spec: CollectionSpec<T>): CollectionPage<T> {
	const limit = integerParameter(query, 'limit', 250, 250);
	const offset = integerParameter(query, 'offset', 0);
	const count = (query['count'] ?? 'false').toLowerCase();
	if (count !== 'true' && count !== 'false') {
		throw new FilterError('The "count" parameter must be true or false');
	}

	const terms = parseFilters(query['filters'] ?? '');
	checkSupport(terms, spec.filterSupport);
	let selected = items.filter(item => matchesFilters(terms, field => spec.read(item, field)));

	const sorters = (query['sorters'] ?? '')
		.split(',')
		.map(part => part.trim())
		.filter(part => part !== '');
	const comparers = sorters.map(sorter => {
		const descending = sorter.startsWith('-');
		const field = descending ? sorter.slice(1) : sorter;
		const key = spec.sortKeys[field];
		if (key === undefined) {
			throw new FilterError(`Sorting is not supported for the field "${field}"`);
		}

		return (left: T, right: T): number => {
			const a = key(left);
			const b = key(right);
			const order = a < b ? -1 : a > b ? 1 : 0;
			return descending ? -order : order;
		};
	});
	if (comparers.length > 0) {
		// Array.prototype.sort is stable, so ties keep their natural order.
		selected = [...selected].sort((left, right) => {
			for (const compare of comparers) {
				const order = compare(left, right);
				if (order !== 0) {
					return order;
				}
			}

			return 0;
		});
	}

	return {
		items: selected.slice(offset, offset + limit),
		total: selected.length,
		headers: count === 'true' ? {'X-Total-Count': String(selected.length)} : {},
	};
}
