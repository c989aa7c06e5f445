export {
	enterAlternateScreen,
	restoreScreen,
	isAlternateScreenActive,
	installExitGuards,
	formatError,
	enterSequence,
	restoreSequence,
	type ExitReason,
	type ExitGuardOptions,
	type EnterAlternateScreenOptions,
} from './alternate-screen.js';
export {LineDiffOutput, type LineDiffOutputOptions, type FrameScheduler, type TerminalWriteStream} from './line-diff-output.js';
export {ScreenWriter, type ScreenSize} from './screen-writer.js';
export {runFullscreen, NotATerminalError, type FullscreenElement, type RunFullscreenOptions} from './run-fullscreen.js';
export {
	TerminalSizeProvider,
	useTerminalSize,
	fallbackSize,
	type TerminalSize,
	type TerminalSizeProviderProps,
	type TerminalSizeSource,
} from './terminal-size.js';
