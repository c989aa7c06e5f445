import {describe, expect, test} from 'vitest';
import {parseIdInput, shortToken} from '../../source/ui/screens/list/id-input.js';

const A = '2c9180835d2e5168015d32f890ca1581';
const B = 'ABCDEF0123456789abcdef0123456789';
const C = 'ffffffffffffffffffffffffffffffff';

describe('parseIdInput', () => {
	test('splits on spaces, commas, semicolons, tabs and new lines (a pasted column or list)', () => {
		const result = parseIdInput(`${A},${B}\r\n${C}\t ;`);
		expect(result.accepted).toEqual([A, B, C]);
		expect(result.rejected).toEqual([]);
		expect(result.unusual).toEqual([]);
	});

	test('accepts ids that are not 32 hex characters, but lists them as unusual', () => {
		const result = parseIdInput(`${A} task-42 v1.2_x`);
		expect(result.accepted).toEqual([A, 'task-42', 'v1.2_x']);
		expect(result.unusual).toEqual(['task-42', 'v1.2_x']);
	});

	test('rejects characters that would change the request URL, naming them', () => {
		const result = parseIdInput(`${A} ../etc "${B}" a/b?c#d`);
		expect(result.accepted).toEqual([A]);
		expect(result.rejected.map(rejected => rejected.token)).toEqual(['../etc', `"${B}"`, 'a/b?c#d']);
		expect(result.rejected[0]?.reason).toContain('/');
		expect(result.rejected[1]?.reason).toContain('"');
		expect(result.rejected[2]?.reason).toMatch(/\/ \? #/);
	});

	test('rejects over-long tokens', () => {
		const long = 'a'.repeat(65);
		const result = parseIdInput(long);
		expect(result.accepted).toEqual([]);
		expect(result.rejected[0]?.reason).toContain('65 characters');
	});

	test('reports duplicates and ids already tracked instead of adding them twice', () => {
		const result = parseIdInput(`${A} ${A} ${B}`, new Set([B]));
		expect(result.accepted).toEqual([A]);
		expect(result.duplicates).toEqual([A, B]);
	});

	test('blank input yields nothing', () => {
		expect(parseIdInput(' \r\n , ')).toEqual({accepted: [], unusual: [], rejected: [], duplicates: []});
	});
});

test('shortToken keeps both ends of long tokens', () => {
	expect(shortToken('short')).toBe('short');
	const short = shortToken(A, 13);
	expect(short).toBe(`${A.slice(0, 5)}...${A.slice(-5)}`);
	expect([...short].length).toBe(13);
});
