import React, {createContext, useContext, useEffect, useState, type ReactNode} from 'react';
import {useStdout} from 'ink';

export interface TerminalSize {
	readonly columns: number;
	readonly rows: number;
}

/** Anything that reports a size and emits 'resize': Ink's stdout, the LineDiffOutput proxy, a tty.WriteStream. */
export interface TerminalSizeSource {
	readonly columns?: number;
	readonly rows?: number;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
}

/** Used when a stream does not report a size (not a TTY), and outside any provider. */
export const fallbackSize: TerminalSize = {columns: 80, rows: 24};

const TerminalSizeContext = createContext<TerminalSize>(fallbackSize);

export interface TerminalSizeProviderProps {
	/** A fixed size, for tests (ink-testing-library) and previews. Takes precedence over `source`. */
	size?: TerminalSize;
	/** Where to read the size from. Default: the stdout Ink renders to (useStdout). */
	source?: TerminalSizeSource;
	children?: ReactNode;
}

function readSize(source: TerminalSizeSource): TerminalSize {
	return {columns: source.columns || fallbackSize.columns, rows: source.rows || fallbackSize.rows};
}

/**
 * Gives the tree the terminal's size through one 'resize' listener, so components take sizes from
 * useTerminalSize() and never read process.stdout.
 */
export function TerminalSizeProvider({size, source, children}: TerminalSizeProviderProps) {
	const {stdout} = useStdout();
	const stream: TerminalSizeSource = source ?? stdout;
	const [measured, setMeasured] = useState<TerminalSize>(() => readSize(stream));

	useEffect(() => {
		if (size !== undefined) {
			return;
		}

		const update = (): void => {
			const next = readSize(stream);
			setMeasured(previous => (previous.columns === next.columns && previous.rows === next.rows ? previous : next));
		};

		update();
		stream.on('resize', update);
		return () => {
			stream.off('resize', update);
		};
	}, [stream, size]);

	return <TerminalSizeContext.Provider value={size ?? measured}>{children}</TerminalSizeContext.Provider>;
}

/** The terminal's size in columns and rows (80×24 outside a TerminalSizeProvider). */
export function useTerminalSize(): TerminalSize {
	return useContext(TerminalSizeContext);
}
