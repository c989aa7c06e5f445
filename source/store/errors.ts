const FILE_PROBLEMS: Record<string, string> = {
	ENOSPC: 'the disk is full',
	EDQUOT: 'the disk quota is used up',
	EROFS: 'the file system is read-only',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EIO: 'an input/output error',
};

/** Why a file operation failed, in words, for the failures of the disk and its permissions; undefined for others. */
export function fileProblem(error: unknown): string | undefined {
	const code = (error as {code?: unknown} | undefined)?.code;
	return typeof code === 'string' && Object.hasOwn(FILE_PROBLEMS, code) ? `${FILE_PROBLEMS[code]} (${code})` : undefined;
}

/** A store failure the user has to act on: the folder is not writable, or the lock could not be taken. */
export class StoreError extends Error {
	override readonly name = 'StoreError';

	constructor(message: string, options?: {cause?: unknown}) {
		super(message, options);
	}
}
