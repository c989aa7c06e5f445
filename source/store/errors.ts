/** A store failure the user has to act on: the folder is not writable, or the lock could not be taken. */
export class StoreError extends Error {
	override readonly name = 'StoreError';

	constructor(message: string, options?: {cause?: unknown}) {
		super(message, options);
	}
}
