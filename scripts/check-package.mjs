// Packs aggwatch as `npm publish` would, installs the tarball into a temporary prefix as a user's install would, and
// runs it from there: `--version`, `status --demo …`, `tenant import` (yaml, loaded from node_modules), the keychain
// module (the other run-time dependency), and the monitor (`--demo`) in a pseudo-terminal, quit with `q`. Fails when
// a run fails, or when the installed tree has more packages or bytes than BOUNDS. `.ci/run` calls it.
//
// The install is `npm ci --prefer-offline` of a lock file made from this repo's own (the run-time dependencies'
// entries with their registry URLs): npm then needs no package metadata, only the tarballs `npm ci` of the repo put
// in npm's cache, so the check passes offline. It installs what `npm install -g aggwatch` would, at the versions of
// package-lock.json (a global install resolves the ranges afresh, and nests the same packages one level down).
//
// Prints one line per figure, and a JSON summary last. Usage: node scripts/check-package.mjs
import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The installed tree: aggwatch, @napi-rs/keyring with its one platform build, yaml; a little room for a new one. */
const BOUNDS = {packages: 6, bytes: 8 * 1024 * 1024};
/** The demo's HR CSV aggregation: ended when the demo starts (its status, then its task). */
const DEMO_ID = 'e92a6c1f3b8d47a0a5c2e4f6b8d01c05';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(file, args, options = {}) {
	return new Promise((resolve, reject) => {
		execFile(file, args, {maxBuffer: 64 * 1024 * 1024, timeout: 300_000, ...options}, (error, stdout, stderr) => {
			if (error && typeof error.code !== 'number') {
				reject(error);
			} else {
				resolve({code: error?.code ?? 0, stdout, stderr});
			}
		});
	});
}

function fail(message) {
	console.error(`check-package: ${message}`);
	process.exitCode = 1;
}

/** Every package folder under a node_modules (scoped ones included, nested ones too). */
function packagesIn(nodeModules) {
	const found = [];
	let entries;
	try {
		entries = readdirSync(nodeModules, {withFileTypes: true});
	} catch {
		return found;
	}

	for (const entry of entries) {
		if (!entry.isDirectory() || entry.name.startsWith('.')) {
			continue;
		}

		const folders = entry.name.startsWith('@')
			? readdirSync(path.join(nodeModules, entry.name)).map(name => path.join(nodeModules, entry.name, name))
			: [path.join(nodeModules, entry.name)];
		for (const folder of folders) {
			found.push(folder, ...packagesIn(path.join(folder, 'node_modules')));
		}
	}

	return found;
}

/** Bytes of every file under `target` (as `du --apparent-size` counts them). */
function sizeOf(target) {
	const stats = statSync(target);
	if (!stats.isDirectory()) {
		return stats.size;
	}

	return readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0);
}

/** The lock file of a project that depends on the tarball alone, from the repo's own lock. */
function lockFor(tarball, packed) {
	const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
	const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	const packages = {
		'': {dependencies: {aggwatch: `file:${tarball}`}},
		'node_modules/aggwatch': {
			version: manifest.version,
			resolved: `file:${tarball}`,
			integrity: packed.integrity,
			license: manifest.license,
			dependencies: manifest.dependencies,
			bin: manifest.bin,
			engines: manifest.engines,
		},
	};
	const queue = Object.keys(manifest.dependencies ?? {});
	while (queue.length > 0) {
		const name = queue.shift();
		const key = `node_modules/${name}`;
		if (packages[key] !== undefined) {
			continue;
		}

		const entry = lock.packages[key];
		if (entry === undefined) {
			throw new Error(`package-lock.json has no ${key}: run npm install`);
		}

		const basename = name.split('/').at(-1);
		packages[key] = {...entry, resolved: `https://registry.npmjs.org/${name}/-/${basename}-${entry.version}.tgz`};
		delete packages[key].dev;
		queue.push(...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}));
	}

	return {name: 'aggwatch-install-check', lockfileVersion: 3, requires: true, packages};
}

/** Runs the monitor on the demo tenant in a pseudo-terminal until it shows its rows, then quits it with q. */
async function runMonitor(bin, env) {
	const pty = createRequire(path.join(root, 'package.json'))('node-pty');
	const {CI: _ci, CONTINUOUS_INTEGRATION: _ci2, ...rest} = env;
	const child = pty.spawn(process.execPath, [bin, '--demo'], {
		name: 'xterm-256color',
		cols: 120,
		rows: 40,
		env: {...rest, TERM: 'xterm-256color'},
	});
	let screen = '';
	const exited = new Promise(resolve => {
		child.onExit(({exitCode}) => resolve(exitCode));
	});
	const shown = new Promise(resolve => {
		child.onData(data => {
			screen += data.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, ' ');
			if (screen.includes('Workday') && screen.includes('Active Directory')) {
				resolve(true);
			}
		});
	});
	const timeout = ms => new Promise(resolve => setTimeout(() => resolve(false), ms).unref());
	if (!(await Promise.race([shown, timeout(30_000)]))) {
		child.kill();
		throw new Error(`the monitor did not show the demo's rows within 30 s:\n${screen.slice(-2000)}`);
	}

	child.write('q');
	const code = await Promise.race([exited, timeout(10_000)]);
	if (code !== 0) {
		child.kill();
		throw new Error(`the monitor did not quit with 0 after q (${code === false ? 'still running after 10 s' : `exit ${code}`})`);
	}
}

const work = mkdtempSync(path.join(tmpdir(), 'aggwatch-package-'));
const summary = {};
try {
	// 1. The tarball, as `npm publish` makes it (prepare builds dist/).
	const packing = await run(npm, ['pack', '--json', '--pack-destination', work], {cwd: root});
	if (packing.code !== 0) {
		throw new Error(`npm pack failed:\n${packing.stderr}`);
	}

	const packed = JSON.parse(packing.stdout)[0];
	const tarball = path.join(work, packed.filename);
	summary.tarballBytes = packed.size;
	summary.tarballFiles = packed.entryCount;
	summary.tarballUnpackedBytes = packed.unpackedSize;
	console.log(
		`npm pack: ${packed.filename}, ${(packed.size / 1e6).toFixed(2)} MB, ${packed.entryCount} files (${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked)`,
	);
	const mapFiles = packed.files.filter(file => file.path.endsWith('.map'));
	if (mapFiles.length > 0) {
		fail(`the package holds ${mapFiles.length} source maps (see "files" in package.json)`);
	}

	for (const wanted of ['LICENSE', 'dist/THIRD-PARTY-NOTICES.md', 'dist/cli.js']) {
		if (!packed.files.some(file => file.path === wanted)) {
			fail(`the package lacks ${wanted}`);
		}
	}

	// 2. The install.
	const prefix = path.join(work, 'prefix');
	mkdirSync(prefix);
	writeFileSync(
		path.join(prefix, 'package.json'),
		`${JSON.stringify({name: 'aggwatch-install-check', private: true, dependencies: {aggwatch: `file:${tarball}`}})}\n`,
	);
	writeFileSync(path.join(prefix, 'package-lock.json'), `${JSON.stringify(lockFor(tarball, packed), undefined, 2)}\n`);
	const started = process.hrtime.bigint();
	const install = await run(npm, ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {cwd: prefix});
	const installMs = Number(process.hrtime.bigint() - started) / 1e6;
	if (install.code !== 0) {
		throw new Error(`npm ci of the tarball failed:\n${install.stderr}`);
	}

	const nodeModules = path.join(prefix, 'node_modules');
	const installed = packagesIn(nodeModules);
	summary.installedPackages = installed.length;
	summary.installedBytes = installed
		.filter(folder => !installed.some(other => other !== folder && folder.startsWith(`${other}${path.sep}`)))
		.reduce((sum, folder) => sum + sizeOf(folder), 0);
	summary.installMs = Math.round(installMs);
	console.log(
		`installed: ${installed.length} packages (${installed.map(folder => path.relative(nodeModules, folder)).join(', ')}), ${(summary.installedBytes / 1e6).toFixed(2)} MB, in ${(installMs / 1000).toFixed(1)} s from npm's cache`,
	);
	if (installed.length > BOUNDS.packages) {
		fail(`${installed.length} packages installed; the bound is ${BOUNDS.packages}`);
	}

	if (summary.installedBytes > BOUNDS.bytes) {
		fail(`${summary.installedBytes} bytes installed; the bound is ${BOUNDS.bytes}`);
	}

	// 3. Run it from there, in folders of its own.
	const bin = path.join(nodeModules, 'aggwatch', 'dist', 'cli.js');
	const home = path.join(work, 'home');
	mkdirSync(path.join(home, '.sailpoint'), {recursive: true});
	const env = {...process.env, HOME: home, USERPROFILE: home, AGGWATCH_CONFIG_DIR: path.join(home, 'config'), AGGWATCH_KEYRING: 'off'};
	for (const name of Object.keys(env).filter(key => /^(SAIL_|NODE_OPTIONS$)/.test(key))) {
		delete env[name];
	}

	const version = await run(path.join(nodeModules, '.bin', 'aggwatch'), ['--version'], {env, cwd: home});
	if (version.code !== 0 || version.stdout.trim() !== JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version) {
		fail(`aggwatch --version printed ${JSON.stringify(version.stdout)} (exit ${version.code})`);
	}

	const status = await run(process.execPath, [bin, 'status', '--demo', DEMO_ID], {env, cwd: home});
	if (status.code !== 0 || !status.stdout.includes(`${DEMO_ID}  COMPLETED`)) {
		fail(`status --demo exited ${status.code}: ${status.stdout}${status.stderr}`);
	}

	writeFileSync(
		path.join(home, '.sailpoint', 'config.yaml'),
		'activeenvironment: acme\nenvironments:\n  acme:\n    baseurl: https://acme.api.identitynow.com\n',
	);
	const yaml = await run(process.execPath, [bin, 'tenant', 'import'], {env, cwd: home});
	if (!yaml.stdout.includes('acme  https://acme.api.identitynow.com  from ~/.sailpoint/config.yaml')) {
		fail(`tenant import did not read ~/.sailpoint/config.yaml (exit ${yaml.code}): ${yaml.stdout}${yaml.stderr}`);
	}

	const keyring = await run(process.execPath, ['-e', `require(${JSON.stringify(path.join(nodeModules, '@napi-rs', 'keyring'))}).Entry`], {
		env,
	});
	if (keyring.code !== 0) {
		fail(`the keychain module does not load from the install: ${keyring.stderr}`);
	}

	await runMonitor(bin, env);
	console.log('ran from the install: --version, status --demo, tenant import (yaml), the keychain module, the monitor (--demo, q)');
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
} finally {
	rmSync(work, {recursive: true, force: true});
}

console.log(JSON.stringify(summary));
