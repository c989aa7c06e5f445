import {EventEmitter} from 'node:events';
import React from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {TerminalSizeProvider, useTerminalSize} from '../../source/ui/terminal/terminal-size.js';

function Size() {
	const {columns, rows} = useTerminalSize();
	return <Text>{`${columns}x${rows}`}</Text>;
}

class SizeSource extends EventEmitter {
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

const instances: Array<{unmount: () => void}> = [];
afterEach(() => {
	for (const instance of instances.splice(0)) {
		instance.unmount();
	}
});

function mount(tree: React.ReactElement) {
	const instance = render(tree);
	instances.push(instance);
	return instance;
}

async function waitForFrame(instance: {lastFrame: () => string | undefined}, text: string): Promise<void> {
	for (let attempt = 0; attempt < 200 && instance.lastFrame() !== text; attempt++) {
		await new Promise(resolve => setImmediate(resolve));
	}

	expect(instance.lastFrame()).toBe(text);
}

describe('TerminalSizeProvider', () => {
	it('passes a fixed size to components (for tests)', () => {
		const instance = mount(
			<TerminalSizeProvider size={{columns: 120, rows: 40}}>
				<Size />
			</TerminalSizeProvider>,
		);
		expect(instance.lastFrame()).toBe('120x40');
	});

	it("follows the source's resize events", async () => {
		const source = new SizeSource(90, 20);
		const instance = mount(
			<TerminalSizeProvider source={source}>
				<Size />
			</TerminalSizeProvider>,
		);
		expect(instance.lastFrame()).toBe('90x20');
		source.resize(70, 15);
		await waitForFrame(instance, '70x15');
		instance.unmount();
		expect(source.listenerCount('resize')).toBe(0);
	});

	it("defaults to Ink's stdout, with 24 rows when it reports none", () => {
		const instance = mount(
			<TerminalSizeProvider>
				<Size />
			</TerminalSizeProvider>,
		);
		// ink-testing-library's stdout is 100 columns wide and has no rows.
		expect(instance.lastFrame()).toBe('100x24');
	});

	it('gives 80x24 outside any provider', () => {
		expect(mount(<Size />).lastFrame()).toBe('80x24');
	});
});
