import type {Metafile} from 'esbuild';

/** See bundle.mjs. */
export function bundle(outdir: string, options?: {metafile?: boolean}): Promise<Metafile | undefined>;
