/** Bad input from the user: printed as one line, exit code 1. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
	constructor(
		message: string,
		/** Which command's --help to point at. */
		readonly command?: string,
	) {
		super(message);
	}
}
