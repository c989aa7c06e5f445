declare const AGGWATCH_VERSION: string | undefined;

/** Injected by the esbuild bundle and by vitest's `define`; falls back for other runners. */
export const version: string = typeof AGGWATCH_VERSION === 'string' ? AGGWATCH_VERSION : '0.0.0-dev';
