import type {Message} from '../state/screen-state.js';
import type {MonitorCommands, SourcePageTarget} from './commands.js';

/** The line while `o` looks up the page and starts the browser. */
export function openingNotice(name: string): Message {
	return {level: 'info', text: `Opening the ISC page of ${name}...`};
}

/**
 * o: opens the source's page without waiting for it; `done` gets the line that says what came of it (opened, or why
 * not with the address). Never throws.
 */
export function openSourceInBackground(commands: MonitorCommands, target: SourcePageTarget, done: (message: Message) => void): void {
	const open = commands.openSource;
	if (open === undefined) {
		return;
	}

	void (async () => open(target))()
		.then(
			(result): Message => ({level: result.opened ? 'info' : 'warning', text: result.text}),
			(error: unknown): Message => ({
				level: 'error',
				text: `Cannot open the source's page: ${error instanceof Error ? error.message : String(error)}`,
			}),
		)
		.then(done);
}
