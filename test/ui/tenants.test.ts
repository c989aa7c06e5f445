import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {collecting, id, NOW, stateOf} from './fixtures.js';
import {keys, press, renderMonitor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const AD = id('ad');
const WD = id('0d');
const SN = id('5e');

function lineOf(text: string, label: string): string {
	return text.split('\n').find(line => line.includes(label)) ?? '';
}

function threeTenants() {
	return stateOf([
		{id: AD, tenant: 'acme', label: 'Active Directory', answers: [{status: collecting(10, 100), ago: 1000}]},
		{id: WD, tenant: 'globex', label: 'Workday', answers: [{status: collecting(20, 100), ago: 1000}]},
		{id: SN, tenant: 'initech', label: 'ServiceNow', answers: [{status: collecting(30, 100), ago: 1000}]},
	]);
}

describe('tenants', () => {
	test('a tenant column when rows of several tenants are tracked; none for one tenant', async () => {
		const m = renderMonitor({state: threeTenants(), now: NOW, tenantLabel: 'all tenants', size: {columns: 120, rows: 24}});
		const text = await m.waitFor(frame => frame.includes('ServiceNow'));
		expect(lineOf(text, 'Workday')).toMatch(/globex\s+Workday/);
		expect(text).toMatch(/TENANT\s+NAME/);
		expect(text.split('\n')[0]).toContain('all tenants');
		const single = renderMonitor({state: stateOf([{id: AD, label: 'Active Directory'}]), now: NOW});
		const alone = await single.waitFor(frame => frame.includes('Active Directory'));
		expect(alone).not.toContain('TENANT');
		expect(alone).not.toContain('acme/');
	});

	test('on a narrow terminal the tenant goes in front of the name', async () => {
		const m = renderMonitor({state: threeTenants(), now: NOW, size: {columns: 40, rows: 20}});
		const text = await m.waitFor(frame => frame.includes('globex/'));
		expect(text).not.toContain('TENANT');
	});

	test('t shows one tenant at a time (all, each in turn, all again), named in the list bar', async () => {
		const m = renderMonitor({state: threeTenants(), now: NOW, size: {columns: 120, rows: 24}});
		await m.waitFor(frame => frame.includes('t tenant'));
		const visible = (text: string) => ['Active Directory', 'Workday', 'ServiceNow'].filter(name => text.includes(name));
		await press(m.stdin, 't');
		let text = await m.waitFor(frame => frame.includes('tenant: acme'));
		expect(visible(text)).toEqual(['Active Directory']);
		expect(text).toContain('(1 of 3)');
		expect(text).not.toContain('TENANT'); // one tenant shown: no column
		await press(m.stdin, 't');
		text = await m.waitFor(frame => frame.includes('tenant: globex'));
		expect(visible(text)).toEqual(['Workday']);
		await press(m.stdin, 't');
		text = await m.waitFor(frame => frame.includes('tenant: initech'));
		expect(visible(text)).toEqual(['ServiceNow']);
		await press(m.stdin, 't');
		text = await m.waitFor(frame => !frame.includes('tenant: '));
		expect(visible(text)).toEqual(['Active Directory', 'Workday', 'ServiceNow']);
	});

	test('the tenant filter and the text filter work together', async () => {
		const state = stateOf([
			{id: AD, tenant: 'acme', label: 'Active Directory'},
			{id: WD, tenant: 'acme', label: 'Workday'},
			{id: SN, tenant: 'globex', label: 'Workday EU'},
		]);
		const m = renderMonitor({state, now: NOW, size: {columns: 120, rows: 24}});
		await m.waitFor(frame => frame.includes('Workday EU'));
		await press(m.stdin, 't');
		await m.waitFor(frame => frame.includes('tenant: acme'));
		for (const key of ['/', 'w', 'o', 'r', keys.enter]) {
			await press(m.stdin, key);
		}

		const text = await m.waitFor(frame => frame.includes('filter: "wor"'));
		expect(text).toContain('Workday');
		expect(text).not.toContain('Workday EU');
		expect(text).not.toContain('Active Directory');
	});

	test('with one tenant failing auth: one banner with what to do, its rows marked, the others untouched', async () => {
		// Events go in spec order, and a good answer clears the tenant's auth error: the failing row comes last.
		const state = stateOf([
			{id: SN, tenant: 'acme', label: 'ServiceNow', answers: [{status: collecting(10, 100), ago: 3000}]},
			{id: WD, tenant: 'globex', label: 'Workday', answers: [{status: collecting(20, 100), ago: 1000}]},
			{
				id: AD,
				tenant: 'acme',
				label: 'Active Directory',
				answers: [{status: collecting(10, 100), ago: 3000}],
				error: {kind: 'auth', status: 401, message: 'invalid_client', hint: 'run aggwatch tenant add acme with a new secret'},
			},
		]);
		const m = renderMonitor({state, now: NOW, size: {columns: 120, rows: 30}, initialPrefs: {detail: true}});
		const text = await m.waitFor(frame => frame.includes('Details: acme/ServiceNow'));
		expect(text.match(/authentication failed/g)).toHaveLength(2); // the banner, and the selected row's detail pane
		const banner = text.split('\n')[1] ?? '';
		expect(banner).toContain('acme: authentication failed (invalid_client). To fix: run aggwatch tenant add acme with a new secret');
		expect(lineOf(text, 'Active Directory')).toContain('!auth');
		expect(lineOf(text, 'ServiceNow')).toContain('!auth');
		expect(lineOf(text, 'Workday')).not.toContain('!');
		expect(text).toMatch(/Tenant\s+acme: authentication failed/);
		await press(m.stdin, 'j');
		const other = await m.waitFor(frame => frame.includes('Details: globex/Workday'));
		expect(other.match(/authentication failed/g)).toHaveLength(1); // the banner only
	});

	test('two tenants failing: each named once', async () => {
		const state = stateOf([
			{id: AD, tenant: 'acme', label: 'AD', error: {kind: 'auth', status: 401, message: 'invalid_client'}},
			{id: SN, tenant: 'acme', label: 'SN', error: {kind: 'auth', status: 401, message: 'invalid_client'}},
			{id: WD, tenant: 'globex', label: 'WD', error: {kind: 'forbidden', status: 403, message: 'insufficient scope'}},
		]);
		const m = renderMonitor({state, now: NOW, size: {columns: 160, rows: 30}});
		const text = await m.waitFor(frame => frame.includes('permission denied'));
		expect(text.match(/acme: authentication failed/g)).toHaveLength(1);
		expect(text.match(/globex: permission denied/g)).toHaveLength(1);
		expect(lineOf(text, 'WD')).toContain('!403');
	});
});
