/**
 * A tenant name or base URL that cannot be used. The message is one line that says what was wrong
 * and what to type instead, so a CLI can print it as-is (exit code for usage errors).
 */
export class BaseUrlError extends Error {
	override readonly name = 'BaseUrlError';
	/** The input, as given (never contains a password: inputs with credentials are refused without echoing them). */
	readonly input: string;

	constructor(message: string, input: string) {
		super(message);
		this.input = input;
	}
}
