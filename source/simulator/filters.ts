/**
 * The part of ISC's "standard collection parameters" filter language the simulator understands:
 * terms joined by `and`, each `field op value`, `field in ("a", "b")` or `field isnull`.
 * `or`, `not` and parentheses are refused, like any unknown field or operator (a 400 from the endpoint).
 */

export type FilterOperator = 'eq' | 'ne' | 'in' | 'sw' | 'co' | 'isnull';

export interface FilterTerm {
	field: string;
	op: FilterOperator;
	/** One value for eq/ne/sw/co, several for in, none for isnull. */
	values: string[];
}

export class FilterError extends Error {
	override readonly name = 'FilterError';
}

type Token = {kind: 'word'; text: string} | {kind: 'string'; text: string} | {kind: 'punct'; text: '(' | ')' | ','};

function tokenize(input: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < input.length) {
		const char = input[index]!;
		if (/\s/.test(char)) {
			index++;
		} else if (char === '(' || char === ')' || char === ',') {
			tokens.push({kind: 'punct', text: char});
			index++;
		} else if (char === '"') {
			let text = '';
			index++;
			let closed = false;
			while (index < input.length) {
				const next = input[index]!;
				if (next === '\\' && index + 1 < input.length) {
					text += input[index + 1];
					index += 2;
				} else if (next === '"') {
					closed = true;
					index++;
					break;
				} else {
					text += next;
					index++;
				}
			}

			if (!closed) {
				throw new FilterError('Unterminated string in filter');
			}

			tokens.push({kind: 'string', text});
		} else {
			const match = /^[\w.\-:+]+/.exec(input.slice(index));
			if (match === null) {
				throw new FilterError(`Unexpected character "${char}" in filter`);
			}

			tokens.push({kind: 'word', text: match[0]});
			index += match[0].length;
		}
	}

	return tokens;
}

const OPERATORS = new Set(['eq', 'ne', 'in', 'sw', 'co', 'isnull', 'gt', 'ge', 'lt', 'le', 'ca', 'pr']);

/** Parses a `filters` query value. An empty or blank value means no filter. Throws FilterError. */
export function parseFilters(input: string): FilterTerm[] {
	const tokens = tokenize(input);
	const terms: FilterTerm[] = [];
	let index = 0;
	const next = (): Token | undefined => tokens[index++];

	while (index < tokens.length) {
		if (terms.length > 0) {
			const joiner = next();
			if (joiner?.kind !== 'word' || joiner.text.toLowerCase() !== 'and') {
				throw new FilterError(`Only "and" may join filter terms, found "${joiner?.text ?? ''}"`);
			}
		}

		const field = next();
		if (field?.kind !== 'word' || field.text.toLowerCase() === 'not') {
			throw new FilterError(`Expected a field name, found "${field?.text ?? 'the end'}"`);
		}

		const opToken = next();
		const op = opToken?.kind === 'word' ? opToken.text.toLowerCase() : '';
		if (!OPERATORS.has(op)) {
			throw new FilterError(`Unknown filter operator "${opToken?.text ?? ''}"`);
		}

		if (op === 'isnull') {
			terms.push({field: field.text, op, values: []});
			continue;
		}

		if (op === 'in') {
			if (next()?.text !== '(') {
				throw new FilterError('"in" needs a parenthesised list');
			}

			const values: string[] = [];
			for (;;) {
				const value = next();
				if (value?.kind !== 'string' && value?.kind !== 'word') {
					throw new FilterError('Bad value in "in" list');
				}

				values.push(value.text);
				const separator = next();
				if (separator?.text === ')') {
					break;
				}

				if (separator?.text !== ',') {
					throw new FilterError('Expected "," or ")" in "in" list');
				}
			}

			terms.push({field: field.text, op, values});
			continue;
		}

		const value = next();
		if (value?.kind !== 'string' && value?.kind !== 'word') {
			throw new FilterError(`Missing value after "${field.text} ${op}"`);
		}

		if (op !== 'eq' && op !== 'ne' && op !== 'sw' && op !== 'co') {
			throw new FilterError(`The filter operator "${op}" is not supported`);
		}

		terms.push({field: field.text, op, values: [value.text]});
	}

	return terms;
}

/** Which operators each field accepts, for one collection. */
export type FilterSupport = Record<string, readonly FilterOperator[]>;

/** Refuses terms on unknown fields or with operators the field does not support. Throws FilterError. */
export function checkSupport(terms: FilterTerm[], support: FilterSupport): void {
	for (const term of terms) {
		const ops = support[term.field];
		if (ops === undefined) {
			throw new FilterError(`Filtering is not supported for the field "${term.field}"`);
		}

		if (!ops.includes(term.op)) {
			throw new FilterError(`The operator "${term.op}" is not supported for the field "${term.field}"`);
		}
	}
}

/** Whether one item passes every term. `read` gives a field's value (null/undefined for none). Comparisons ignore case. */
export function matchesFilters(terms: FilterTerm[], read: (field: string) => string | null | undefined): boolean {
	return terms.every(term => {
		const raw = read(term.field);
		if (term.op === 'isnull') {
			return raw === null || raw === undefined;
		}

		if (raw === null || raw === undefined) {
			return term.op === 'ne';
		}

		const value = raw.toLowerCase();
		const wanted = term.values.map(entry => entry.toLowerCase());
		switch (term.op) {
			case 'eq': {
				return value === wanted[0];
			}

			case 'ne': {
				return value !== wanted[0];
			}

			case 'in': {
				return wanted.includes(value);
			}

			case 'sw': {
				return value.startsWith(wanted[0] ?? '');
			}

			case 'co': {
				return value.includes(wanted[0] ?? '');
			}
		}

		return false;
	});
}
