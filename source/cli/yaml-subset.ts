/**
 * A reader for the small part of YAML that tools like the SailPoint CLI (Go, viper) write for their settings:
 * block mappings nested by indentation, with plain, 'single' or "double" quoted scalars and # comments.
 * Sequences, block scalars (| and >) and flow collections are skipped over rather than understood: their keys come
 * back as {} (sequences, empty flows) or as the raw text (flow mappings), so a file that has them still reads.
 * Anchors, aliases, tags and multi-document streams are not supported (viper never writes them).
 */

export type YamlValue = string | null | YamlMap;
export interface YamlMap {
	[key: string]: YamlValue;
}

export class YamlSubsetError extends Error {
	override readonly name = 'YamlSubsetError';
	constructor(
		message: string,
		readonly line: number,
	) {
		super(`line ${line}: ${message}`);
	}
}

/** Removes a trailing comment: a # at the start or after a space, outside quotes. */
function stripComment(text: string): string {
	let quote: string | undefined;
	for (let index = 0; index < text.length; index++) {
		const character = text[index]!;
		if (quote !== undefined) {
			if (character === '\\' && quote === '"') {
				index++;
			} else if (character === quote) {
				quote = undefined;
			}

			continue;
		}

		if (character === '"' || character === "'") {
			quote = character;
		} else if (character === '#' && (index === 0 || /\s/.test(text[index - 1]!))) {
			return text.slice(0, index);
		}
	}

	return text;
}

/** The index of the `:` that ends a mapping key (followed by a space or the end), outside quotes. */
function keyEnd(text: string): number {
	let quote: string | undefined;
	for (let index = 0; index < text.length; index++) {
		const character = text[index]!;
		if (quote !== undefined) {
			if (character === '\\' && quote === '"') {
				index++;
			} else if (character === quote) {
				quote = undefined;
			}

			continue;
		}

		if ((character === '"' || character === "'") && index === 0) {
			quote = character;
		} else if (character === ':' && (index + 1 === text.length || /\s/.test(text[index + 1]!))) {
			return index;
		}
	}

	return -1;
}

const ESCAPES: Record<string, string> = {n: '\n', t: '\t', r: '\r', '0': '\0', '"': '"', '\\': '\\', '/': '/', ' ': ' ', e: '\u001B'};

function scalar(raw: string, line: number): string | null {
	const text = raw.trim();
	if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') {
		return null;
	}

	if (text.startsWith('"')) {
		if (!text.endsWith('"') || text.length < 2) {
			throw new YamlSubsetError('a double-quoted value does not end on its line', line);
		}

		return text.slice(1, -1).replaceAll(/\\(x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|.)/g, (_, code: string) => {
			if (code.length > 1) {
				return String.fromCodePoint(Number.parseInt(code.slice(1), 16));
			}

			const escaped = ESCAPES[code];
			if (escaped === undefined) {
				throw new YamlSubsetError(`unknown escape \\${code}`, line);
			}

			return escaped;
		});
	}

	if (text.startsWith("'")) {
		if (!text.endsWith("'") || text.length < 2) {
			throw new YamlSubsetError('a single-quoted value does not end on its line', line);
		}

		return text.slice(1, -1).replaceAll("''", "'");
	}

	return text;
}

interface Frame {
	/** Indentation of the key that owns this mapping (-1 for the root). */
	ownerIndent: number;
	map: YamlMap;
}

/** Parses the subset described above. Throws YamlSubsetError (with a line number) for text it cannot read. */
export function parseYamlSubset(text: string): YamlMap {
	const root: YamlMap = {};
	const stack: Frame[] = [{ownerIndent: -1, map: root}];
	/** Lines indented more than this belong to something skipped (a sequence or block scalar). */
	let skipDeeperThan: number | undefined;
	/** The last plain scalar, which a more indented line without a key continues. */
	let continued: {map: YamlMap; key: string; indent: number} | undefined;
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);

	for (const [index, rawLine] of lines.entries()) {
		const number = index + 1;
		if (/^(?:---|\.\.\.)\s*$/.test(rawLine)) {
			// Document markers: one document is all a settings file has.
			continue;
		}

		const indent = rawLine.length - rawLine.trimStart().length;
		if (skipDeeperThan !== undefined) {
			if (rawLine.trim() === '' || indent > skipDeeperThan) {
				continue;
			}

			skipDeeperThan = undefined;
		}

		const content = stripComment(rawLine).trimEnd();
		if (content.trim() === '') {
			continue;
		}

		if (/^\s*\t/.test(rawLine)) {
			throw new YamlSubsetError('tabs cannot indent YAML', number);
		}

		while (stack.length > 1 && indent <= stack.at(-1)!.ownerIndent) {
			stack.pop();
		}

		const body = content.trimStart();
		if (body === '-' || body.startsWith('- ')) {
			// A sequence item (and whatever it holds): not needed here.
			skipDeeperThan = indent;
			continue;
		}

		const colon = keyEnd(body);
		if (colon < 0 && continued !== undefined && indent > continued.indent && typeof continued.map[continued.key] === 'string') {
			// A plain value folded onto the next line.
			continued.map[continued.key] = `${String(continued.map[continued.key])} ${body.trim()}`;
			continue;
		}

		continued = undefined;
		if (colon < 0) {
			throw new YamlSubsetError(`expected "key: value", found ${JSON.stringify(body.slice(0, 40))}`, number);
		}

		const key = scalar(body.slice(0, colon), number) ?? '';
		const rest = body.slice(colon + 1).trim();
		const target = stack.at(-1)!.map;
		if (rest === '') {
			const child: YamlMap = {};
			target[key] = child;
			stack.push({ownerIndent: indent, map: child});
		} else if (/^[|>][-+\d]*$/.test(rest)) {
			target[key] = null;
			skipDeeperThan = indent;
		} else if (rest === '{}' || rest === '[]') {
			target[key] = {};
		} else if (rest.startsWith('[') || rest.startsWith('{')) {
			target[key] = rest;
		} else if (rest.startsWith('&') || rest.startsWith('*') || rest.startsWith('!')) {
			throw new YamlSubsetError('anchors, aliases and tags are not supported', number);
		} else {
			target[key] = scalar(rest, number);
			if (!/^["']/.test(rest)) {
				continued = {map: target, key, indent};
			}
		}
	}

	return root;
}

/** The value at a path of keys, matched without regard to case (viper lower-cases keys when it reads). */
export function yamlGet(map: YamlValue | undefined, ...keys: string[]): YamlValue | undefined {
	let current: YamlValue | undefined = map;
	for (const key of keys) {
		if (current === null || current === undefined || typeof current === 'string') {
			return undefined;
		}

		const found: string | undefined = Object.keys(current).find(candidate => candidate.toLowerCase() === key.toLowerCase());
		current = found === undefined ? undefined : current[found];
	}

	return current;
}

export function yamlString(value: YamlValue | undefined): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
