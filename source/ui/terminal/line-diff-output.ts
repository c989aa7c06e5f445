import {EventEmitter} from 'node:events';
import {ScreenWriter} from './screen-writer.js';

/** The part of a terminal's stdout that the output layer uses. */
export interface TerminalWriteStream {
	write(chunk: string): boolean;
	readonly columns?: number;
	readonly rows?: number;
	readonly isTTY?: boolean;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
}

/** Timers, injectable so tests can drive the coalescing deterministically. */
export interface FrameScheduler {
	now(): number;
	setTimeout(callback: () => void, delayMs: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface LineDiffOutputOptions {
	/** The real terminal. */
	stdout: TerminalWriteStream;
	/**
	 * At most one physical write per this many milliseconds; frames arriving in between are coalesced and only
	 * the latest is drawn. The first frame after a quiet period is written at once. Default 20; 0 writes every frame.
	 */
	minIntervalMs?: number;
	/**
	 * Wrap a physical write in synchronized-update markers (`CSI ? 2026 h` … `CSI ? 2026 l`) when it is at least
	 * this many bytes, so terminals that support the mode show a large update at once. Small updates (a spinner
	 * glyph, a counter) are a single short write and gain nothing from the 16 extra bytes. Default 512; 0 always,
	 * Infinity never.
	 */
	synchronizeAboveBytes?: number;
	scheduler?: FrameScheduler;
}

const beginSynchronizedUpdate = '\u001B[?2026h';
const endSynchronizedUpdate = '\u001B[?2026l';
const cursorVisibilityOnly = /^(?:\u001B\[\?25[hl])+$/;

const realScheduler: FrameScheduler = {
	now: () => performance.now(),
	setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
	clearTimeout: handle => {
		clearTimeout(handle as NodeJS.Timeout);
	},
};

/**
 * A stdout stand-in to pass as Ink's `stdout` together with `debug: true`.
 *
 * In debug mode Ink 6.8 writes every frame whole (`fullStaticOutput + output`, no erase or cursor sequences) on
 * each commit, without throttling and without patching the console. This proxy takes those frames, keeps only the
 * latest one per interval, and writes to the real terminal only the cells that changed (see ScreenWriter).
 * An unchanged frame writes nothing. Resizes are forwarded to Ink and force a full redraw.
 *
 * Everything else Ink may write here is dropped: its cursor show/hide (the alternate-screen layer owns the
 * cursor) and the empty string it writes when the terminal gets narrower. Do not use `useStdout().write`,
 * `useStderr().write` or `<Static>` under this layer: they would be drawn as part of the frame.
 */
export class LineDiffOutput extends EventEmitter {
	readonly isTTY = true;
	readonly #stdout: TerminalWriteStream;
	readonly #writer = new ScreenWriter();
	readonly #minIntervalMs: number;
	readonly #synchronizeAboveBytes: number;
	readonly #scheduler: FrameScheduler;
	#pendingFrame: string | undefined;
	#lastFrame: string | undefined;
	#timer: unknown;
	#lastWriteAt = Number.NEGATIVE_INFINITY;
	#closed = false;
	/** Suspended for a stop (Ctrl-Z): frames wait for resume(). */
	#suspended = false;
	#bytesWritten = 0;
	#framesReceived = 0;
	#physicalWrites = 0;

	constructor(options: LineDiffOutputOptions) {
		super();
		this.#stdout = options.stdout;
		this.#minIntervalMs = options.minIntervalMs ?? 20;
		this.#synchronizeAboveBytes = options.synchronizeAboveBytes ?? 512;
		this.#scheduler = options.scheduler ?? realScheduler;
		this.#stdout.on('resize', this.#onResize);
	}

	get columns(): number {
		return this.#stdout.columns || 80;
	}

	get rows(): number {
		return this.#stdout.rows || 24;
	}

	/** Bytes written to the real terminal so far. */
	get bytesWritten(): number {
		return this.#bytesWritten;
	}

	/** Frames received from Ink so far (drawn or coalesced away). */
	get framesReceived(): number {
		return this.#framesReceived;
	}

	/** Physical writes to the real terminal so far. */
	get physicalWrites(): number {
		return this.#physicalWrites;
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Stream-compatible write: `chunk` is one whole frame. */
	write(chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean {
		const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
		const frame = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		if (!this.#closed && frame !== '' && !cursorVisibilityOnly.test(frame)) {
			this.#framesReceived++;
			this.#pendingFrame = frame;
			this.#schedule();
		}

		if (typeof done === 'function') {
			queueMicrotask(() => (done as () => void)());
		}

		return true;
	}

	/**
	 * Bytes that go straight to the terminal and change no cell: the bell (BEL) and desktop notifications (OSC 9).
	 * Nothing is written after close(). Counted in bytesWritten.
	 */
	writeRaw(bytes: string): void {
		if (this.#closed || bytes === '') {
			return;
		}

		this.#bytesWritten += Buffer.byteLength(bytes, 'utf8');
		this.#physicalWrites++;
		this.#stdout.write(bytes);
	}

	/** Hold every frame back (the process is about to stop, the normal screen is showing) until resume(). */
	suspend(): void {
		this.#suspended = true;
		if (this.#timer !== undefined) {
			this.#scheduler.clearTimeout(this.#timer);
			this.#timer = undefined;
		}
	}

	/** Draw again, the whole screen: the alternate screen came back empty. */
	resume(): void {
		this.#suspended = false;
		this.invalidate();
	}

	/** Draw the pending frame now, if any. */
	flush(): void {
		if (this.#suspended) {
			return;
		}

		if (this.#timer !== undefined) {
			this.#scheduler.clearTimeout(this.#timer);
			this.#timer = undefined;
		}

		const frame = this.#pendingFrame;
		this.#pendingFrame = undefined;
		if (frame === undefined || this.#closed) {
			return;
		}

		this.#lastFrame = frame;
		const body = this.#writer.render(frame, {columns: this.columns, rows: this.rows});
		if (body === '') {
			return;
		}

		const bytes = body.length >= this.#synchronizeAboveBytes ? beginSynchronizedUpdate + body + endSynchronizedUpdate : body;
		this.#lastWriteAt = this.#scheduler.now();
		this.#bytesWritten += Buffer.byteLength(bytes, 'utf8');
		this.#physicalWrites++;
		this.#stdout.write(bytes);
	}

	/**
	 * Redraw the whole screen on the next frame (or now, with the last frame, if none is pending). Call it after
	 * something else has written to the terminal.
	 */
	invalidate(): void {
		this.#writer.invalidate();
		if (this.#pendingFrame === undefined && this.#lastFrame !== undefined) {
			this.#pendingFrame = this.#lastFrame;
		}

		this.#schedule();
	}

	/** Stop drawing for good: pending frames are dropped and later writes ignored. Safe to call twice. */
	close(): void {
		if (this.#closed) {
			return;
		}

		this.#closed = true;
		this.#pendingFrame = undefined;
		if (this.#timer !== undefined) {
			this.#scheduler.clearTimeout(this.#timer);
			this.#timer = undefined;
		}

		this.#stdout.off('resize', this.#onResize);
	}

	#schedule(): void {
		if (this.#suspended || this.#closed || this.#pendingFrame === undefined || this.#timer !== undefined) {
			return;
		}

		const wait = this.#lastWriteAt + this.#minIntervalMs - this.#scheduler.now();
		if (wait <= 0) {
			this.flush();
			return;
		}

		this.#timer = this.#scheduler.setTimeout(() => {
			this.#timer = undefined;
			this.flush();
		}, wait);
	}

	readonly #onResize = (): void => {
		// Let Ink (and the size context) re-render first, so the full redraw uses the new layout; if nobody
		// answers with a frame, redraw the last one.
		this.#writer.invalidate();
		const framesBefore = this.#framesReceived;
		this.emit('resize');
		if (this.#framesReceived === framesBefore) {
			this.invalidate();
		}
	};
}
