/** Questions for the user, on standard error so standard output stays clean for scripts. */
export interface Prompter {
	/** Standard input and standard error are both terminals: questions can be asked and answered. */
	readonly interactive: boolean;
	/** A visible answer. Without a terminal, the next line of standard input (undefined at its end). */
	line(question: string): Promise<string | undefined>;
	/**
	 * An answer that is not echoed: raw-mode input, nothing shown, not even stars. Without a terminal, the next
	 * line of standard input, so `printf '%s\n' "$SECRET" | aggwatch tenant add acme` works.
	 */
	secret(question: string): Promise<string | undefined>;
	/** y/N; only meaningful when `interactive`. Anything but y or yes is no. */
	confirm(question: string): Promise<boolean>;
	/** Lets go of standard input (so the process can exit). */
	close(): void;
}
