import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {LineDiffOutput, type FrameScheduler} from '../../source/ui/terminal/line-diff-output.js';
import {fullscreenTerminal, screenLines, writeTo} from './xterm-screen.js';

/** Collects what reaches the "terminal"; resize() changes its size and emits 'resize' like a tty.WriteStream. */
class TerminalStub extends EventEmitter {
	readonly isTTY = true;
	writes: string[] = [];
	constructor(
		public columns = 40,
		public rows = 8,
	) {
		super();
	}

	write(chunk: string): boolean {
		this.writes.push(chunk);
		return true;
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}

	get all(): string {
		return this.writes.join('');
	}
}

/** A clock that moves only when told to, with the timers due by then. */
class ManualScheduler implements FrameScheduler {
	time = 0;
	#timers = new Map<number, {at: number; callback: () => void}>();
	#nextId = 1;

	now(): number {
		return this.time;
	}

	setTimeout(callback: () => void, delayMs: number): unknown {
		const id = this.#nextId++;
		this.#timers.set(id, {at: this.time + delayMs, callback});
		return id;
	}

	clearTimeout(handle: unknown): void {
		this.#timers.delete(handle as number);
	}

	advance(ms: number): void {
		this.time += ms;
		for (const [id, timer] of [...this.#timers].sort((a, b) => a[1].at - b[1].at)) {
			if (timer.at <= this.time) {
				this.#timers.delete(id);
				timer.callback();
			}
		}
	}

	get pending(): number {
		return this.#timers.size;
	}
}

function setup(options: {minIntervalMs?: number; synchronizeAboveBytes?: number} = {}) {
	const stdout = new TerminalStub();
	const scheduler = new ManualScheduler();
	const output = new LineDiffOutput({stdout, scheduler, minIntervalMs: 20, ...options});
	return {stdout, scheduler, output};
}

describe('LineDiffOutput', () => {
	it('looks like a terminal to Ink: size from the real stdout, isTTY, resize events', () => {
		const {stdout, output} = setup();
		expect(output.isTTY).toBe(true);
		expect([output.columns, output.rows]).toEqual([40, 8]);
		let resized = 0;
		output.on('resize', () => resized++);
		stdout.resize(60, 10);
		expect(resized).toBe(1);
		expect([output.columns, output.rows]).toEqual([60, 10]);
	});

	it('draws the first frame at once and counts the bytes it wrote', async () => {
		const {stdout, output} = setup();
		output.write('hello\nworld');
		expect(stdout.writes).toHaveLength(1);
		expect(output.bytesWritten).toBe(Buffer.byteLength(stdout.all));
		const terminal = fullscreenTerminal(40, 8);
		await writeTo(terminal, stdout.all);
		expect(screenLines(terminal).slice(0, 3)).toEqual(['hello', 'world', '']);
	});

	it('passes the bell and OSC 9 straight through, leaves the screen as it is, and stops after close', async () => {
		const {stdout, scheduler, output} = setup();
		output.write('hello\nworld');
		scheduler.advance(100);
		const before = output.bytesWritten;
		output.writeRaw('\u0007\u001B]9;Workday: COMPLETED\u0007');
		expect(stdout.writes.at(-1)).toBe('\u0007\u001B]9;Workday: COMPLETED\u0007');
		expect(output.bytesWritten).toBe(before + 24);
		const terminal = fullscreenTerminal(40, 8);
		await writeTo(terminal, stdout.all);
		expect(screenLines(terminal).slice(0, 2)).toEqual(['hello', 'world']);
		output.close();
		output.writeRaw('\u0007');
		expect(stdout.writes.at(-1)).not.toBe('\u0007');
	});

	it('writes nothing for a frame equal to the one on screen', () => {
		const {stdout, scheduler, output} = setup();
		output.write('hello\nworld');
		scheduler.advance(100);
		output.write('hello\nworld');
		scheduler.advance(100);
		expect(stdout.writes).toHaveLength(1);
		expect(output.framesReceived).toBe(2);
	});

	it('writes only the changed line', () => {
		const {stdout, scheduler, output} = setup();
		output.write('title\ncount 1\nfooter');
		scheduler.advance(100);
		const before = output.bytesWritten;
		output.write('title\ncount 2\nfooter');
		expect(stdout.writes.at(-1)).toBe('\u001B[A2');
		expect(output.bytesWritten - before).toBe(4);
	});

	it('coalesces a burst into one write of the latest frame', async () => {
		const {stdout, scheduler, output} = setup();
		output.write('count 0');
		for (let count = 1; count <= 50; count++) {
			scheduler.advance(0.1);
			output.write(`count ${count}`);
		}

		expect(stdout.writes).toHaveLength(1);
		expect(scheduler.pending).toBe(1);
		scheduler.advance(20);
		expect(stdout.writes).toHaveLength(2);
		const terminal = fullscreenTerminal(40, 8);
		await writeTo(terminal, stdout.all);
		expect(screenLines(terminal)[0]).toBe('count 50');
		expect(output.physicalWrites).toBe(2);
		expect(output.framesReceived).toBe(51);
	});

	it('writes every frame when the interval is 0', () => {
		const {stdout, output} = setup({minIntervalMs: 0});
		output.write('a');
		output.write('b');
		output.write('c');
		expect(stdout.writes).toHaveLength(3);
	});

	it("ignores Ink's cursor show/hide and the empty write it makes when the terminal narrows", () => {
		const {stdout, output} = setup();
		output.write('\u001B[?25h');
		output.write('\u001B[?25l');
		output.write('');
		expect(stdout.writes).toHaveLength(0);
		expect(output.framesReceived).toBe(0);
	});

	it('calls write callbacks, as a stream would', async () => {
		const {output} = setup();
		await new Promise<void>(resolve => {
			output.write('frame', () => resolve());
		});
		await new Promise<void>(resolve => {
			output.write('', 'utf8', () => resolve());
		});
	});

	it('redraws everything on resize, with the frame Ink sends in answer', async () => {
		const {stdout, scheduler, output} = setup();
		output.write('one\ntwo');
		scheduler.advance(100);
		output.on('resize', () => {
			output.write(`one\ntwo\n${output.columns}x${output.rows}`);
		});
		stdout.writes = [];
		stdout.resize(30, 5);
		expect(stdout.writes).toHaveLength(1);
		expect(stdout.all.startsWith('\u001B[m\u001B[H\u001B[2J')).toBe(true);
		const terminal = fullscreenTerminal(30, 5);
		await writeTo(terminal, stdout.all);
		expect(screenLines(terminal)).toEqual(['one', 'two', '30x5', '', '']);
	});

	it('redraws the last frame on resize when nobody sends a new one', async () => {
		const {stdout, scheduler, output} = setup();
		output.write('one\ntwo');
		scheduler.advance(100);
		stdout.writes = [];
		stdout.resize(50, 6);
		expect(stdout.all.startsWith('\u001B[m\u001B[H\u001B[2J')).toBe(true);
		const terminal = fullscreenTerminal(50, 6);
		await writeTo(terminal, stdout.all);
		expect(screenLines(terminal).slice(0, 2)).toEqual(['one', 'two']);
	});

	it('wraps large updates in synchronized-update markers and leaves small ones bare', () => {
		const {stdout, scheduler, output} = setup({synchronizeAboveBytes: 100});
		output.write(Array.from({length: 8}, (_, index) => `line ${index} ${'='.repeat(30)}`).join('\n'));
		expect(stdout.writes[0]?.startsWith('\u001B[?2026h')).toBe(true);
		expect(stdout.writes[0]?.endsWith('\u001B[?2026l')).toBe(true);
		scheduler.advance(100);
		output.write(Array.from({length: 8}, (_, index) => `line ${index === 3 ? 'X' : index} ${'='.repeat(30)}`).join('\n'));
		expect(stdout.writes[1]).not.toContain('2026');
	});

	it('after close(), drops the pending frame, ignores writes and stops listening for resizes', () => {
		const {stdout, scheduler, output} = setup();
		output.write('a');
		output.write('b');
		output.close();
		output.close();
		scheduler.advance(100);
		output.write('c');
		output.flush();
		expect(stdout.writes).toHaveLength(1);
		expect(stdout.listenerCount('resize')).toBe(0);
		expect(scheduler.pending).toBe(0);
	});
});
