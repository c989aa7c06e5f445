// Builds dist/ (see scripts/bundle.mjs for what goes in it).
import {rm} from 'node:fs/promises';
import {bundle} from './bundle.mjs';

await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
await bundle('dist');
