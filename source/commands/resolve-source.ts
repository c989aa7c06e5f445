import type {IscClient} from '../isc/client.js';
import {IscError} from '../domain/errors.js';
import type {IscSource} from '../isc/source.js';
import {isHexId, quotedInput} from '../domain/guards.js';

/** The source could not be picked: no source has that name or id, or several share the name. Message fit to print. */
export class SourceChoiceError extends Error {
	override readonly name = 'SourceChoiceError';
	constructor(
		message: string,
		readonly kind: 'not-found' | 'ambiguous',
	) {
		super(message);
	}
}

function quote(value: string): string {
	return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * The source `text` names: a source id (GET /v2025/sources/{id}) when it looks like one and the tenant knows it,
 * else the source with exactly that name (GET /v2025/sources?filters=name eq "…"). ISC compares names without
 * regard to case; of several matches the one with exactly this spelling wins. Throws SourceChoiceError or IscError.
 */
export async function resolveSource(client: Pick<IscClient, 'getSource' | 'listSources'>, text: string): Promise<IscSource> {
	if (isHexId(text)) {
		try {
			return await client.getSource(text);
		} catch (error) {
			if (!(error instanceof IscError) || error.kind !== 'not-found') {
				throw error;
			}
			// Not a source id after all: it may be a name that looks like one.
		}
	}

	const matches = await client.listSources({filters: `name eq ${quote(text)}`, limit: 50});
	const exact = matches.filter(source => source.name === text);
	if (exact.length === 1) {
		return exact[0]!;
	}

	if (exact.length === 0 && matches.length === 1) {
		return matches[0]!;
	}

	if (matches.length > 1) {
		const listed = (exact.length > 1 ? exact : matches).map(source => `"${source.name}" (${source.id})`).join(', ');
		throw new SourceChoiceError(`several sources are named ${quotedInput(text)}: ${listed}; start one by its id`, 'ambiguous');
	}

	const suggestions = await similarNames(client, text);
	const hint = suggestions.length === 0 ? '' : `; similar names: ${suggestions.map(name => `"${name}"`).join(', ')}`;
	const what = isHexId(text) ? 'no source has the id or name' : 'no source is named';
	throw new SourceChoiceError(`${what} ${quotedInput(text)}${hint}`, 'not-found');
}

/** Up to five names containing `text`, for a "did you mean". A failure here only costs the hint. */
async function similarNames(client: Pick<IscClient, 'listSources'>, text: string): Promise<string[]> {
	try {
		const similar = await client.listSources({filters: `name co ${quote(text)}`, limit: 5, sorters: 'name'}, {retries: 0});
		return similar.map(source => source.name);
	} catch {
		return [];
	}
}
