import {ExitCode} from '../domain/exit-codes.js';
import type {IscErrorKind} from '../domain/errors.js';

export function exitCodeForError(error: {kind: IscErrorKind}): number {
	switch (error.kind) {
		case 'not-found': {
			return ExitCode.notFound;
		}

		case 'auth':
		case 'forbidden': {
			return ExitCode.auth;
		}

		default: {
			return ExitCode.requestFailed;
		}
	}
}
