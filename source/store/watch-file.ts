import {unwatchFile, watch, watchFile, type FSWatcher} from 'node:fs';
import path from 'node:path';

export interface FileWatch {
	/** Runs the change check soon (debounced), as if the file had changed. */
	poke(): void;
	close(): void;
}

/**
 * Calls `onChange` (debounced) when `file` may have changed. Watches the folder, not the file, because every
 * write replaces the file (temp + rename) and a watch on the old inode would go quiet. Falls back to stat
 * polling where fs.watch is unavailable (some network file systems). Does not keep the process alive.
 */
export function watchFileChanges(file: string, onChange: () => void, debounceMs: number): FileWatch {
	const base = path.basename(file);
	let timer: NodeJS.Timeout | undefined;
	let closed = false;

	const poke = (): void => {
		if (closed) {
			return;
		}

		clearTimeout(timer);
		timer = setTimeout(() => {
			timer = undefined;
			if (!closed) {
				onChange();
			}
		}, debounceMs);
		timer.unref();
	};

	let watcher: FSWatcher | undefined;
	let polling = false;
	const startPolling = (): void => {
		if (!polling && !closed) {
			polling = true;
			watchFile(file, {persistent: false, interval: 1000}, poke);
		}
	};

	try {
		watcher = watch(path.dirname(file), {persistent: false}, (_event, filename) => {
			if (filename === null || filename === base) {
				poke();
			}
		});
		watcher.on('error', () => {
			watcher?.close();
			watcher = undefined;
			startPolling();
		});
	} catch {
		startPolling();
	}

	return {
		poke,
		close() {
			closed = true;
			clearTimeout(timer);
			watcher?.close();
			if (polling) {
				unwatchFile(file, poke);
			}
		},
	};
}
