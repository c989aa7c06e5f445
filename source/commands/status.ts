import {ExitCode, worst} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import type {CommandContext} from './context.js';
import {IscError} from '../domain/errors.js';
import {formatErrorLine, formatStatusBlock} from './status-format.js';
import {exitCodeForError} from './error-exit-code.js';
import {isHexId} from '../domain/guards.js';

/** `aggwatch status <id...> [--json]`: one status request per id, printed as it arrives, in the order given. */
export async function runStatus(context: CommandContext, ids: string[]): Promise<number> {
	if (ids.length === 0) {
		throw new UsageError('status needs at least one aggregation id, e.g. aggwatch status 2c91808477a6b0c60177a81146b8110b', 'status');
	}

	for (const id of ids) {
		if (!isHexId(id)) {
			context.warn(`"${id}" is not a 32-character hexadecimal id; sending it anyway`);
		}
	}

	const json = context.values.json === true;
	const {client} = await context.connect();
	const results = await Promise.all(
		ids.map(async id => {
			try {
				return {id, status: await client.getAggregationStatus(id)};
			} catch (error) {
				return {id, error: IscError.from(error)};
			}
		}),
	);

	const codes: number[] = [];
	let authReported = false;
	for (const result of results) {
		if ('status' in result && result.status) {
			// A 200 with status NOT_FOUND is ISC saying it does not know the id: shown as it came, but exit 3 like a 404.
			const notFound = result.status.status === 'NOT_FOUND';
			if (json) {
				context.out(JSON.stringify({id: result.id, ...result.status}));
			} else if (notFound) {
				context.error(`${result.id}: ISC answered status NOT_FOUND: it does not know this aggregation (a wrong id, one not visible yet, or one that ended over an hour ago)`);
			} else {
				context.out(formatStatusBlock(result.id, result.status, context.now()));
			}

			codes.push(notFound ? ExitCode.notFound : ExitCode.ok);
			continue;
		}

		const error = result.error!;
		codes.push(exitCodeForError(error));
		if (json) {
			context.out(JSON.stringify({id: result.id, error: error.toInfo()}));
		}

		// Bad credentials fail every id the same way: say it once.
		if (error.kind === 'auth') {
			if (!authReported) {
				context.error(formatErrorLine(undefined, error));
			}

			authReported = true;
		} else {
			context.error(formatErrorLine(result.id, error));
		}
	}

	return worst(codes);
}
