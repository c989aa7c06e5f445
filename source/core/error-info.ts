import {isIscError, type IscErrorInfo} from '../domain/errors.js';

function codeOf(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) {
		return undefined;
	}

	const {code, cause} = error as {code?: unknown; cause?: unknown};
	if (typeof code === 'string') {
		return code;
	}

	return cause === error ? undefined : codeOf(cause);
}

/**
 * Any thrown value as a plain IscErrorInfo for a `failed` event. IscErrors keep everything (`toInfo()`). Anything
 * else came from below the ISC client's error mapping: a SyntaxError is a body we could not read (bad-response);
 * everything else (socket errors, aborts, timeouts, unexpected throws) is network, with the system code when there
 * is one (also looked for on `cause`, as fetch and got nest it).
 */
export function toErrorInfo(error: unknown): IscErrorInfo {
	if (isIscError(error)) {
		return error.toInfo();
	}

	const message = error instanceof Error ? error.message || error.name : String(error);
	if (error instanceof SyntaxError) {
		return {kind: 'bad-response', message};
	}

	const code = codeOf(error);
	return code === undefined ? {kind: 'network', message} : {kind: 'network', message, code};
}
