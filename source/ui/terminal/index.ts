export {formatError} from './alternate-screen.js';
export {LineDiffOutput, type TerminalWriteStream} from './line-diff-output.js';
export {runFullscreen} from './run-fullscreen.js';
export {TerminalSizeProvider} from './terminal-size.js';
