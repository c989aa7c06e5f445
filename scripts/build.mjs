// Builds dist/ (see scripts/bundle.mjs for what goes in it), with the notices of the packages it bundles
// (scripts/notices.mjs).
import {rm} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {bundle} from './bundle.mjs';
import {writeNotices} from './notices.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await rm(path.join(root, 'dist'), {recursive: true, force: true});
const metafile = await bundle('dist', {metafile: true});
writeNotices(root, metafile?.inputs ?? {}, path.join(root, 'dist', 'THIRD-PARTY-NOTICES.md'));
