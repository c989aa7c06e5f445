import {describe, expect, it} from 'vitest';
import {toErrorInfo} from '../../source/core/error-info.js';
import {IscError} from '../../source/domain/errors.js';

describe('toErrorInfo', () => {
	it('keeps everything an IscError carries', () => {
		const error = new IscError({kind: 'server', message: 'Boom', status: 503, trackingId: 'abc'});
		expect(toErrorInfo(error)).toEqual({kind: 'server', message: 'Boom', status: 503, trackingId: 'abc'});
	});

	it('turns socket errors into network errors with their code, also when nested', () => {
		const reset = Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'});
		expect(toErrorInfo(reset)).toEqual({kind: 'network', message: 'socket hang up', code: 'ECONNRESET'});
		expect(toErrorInfo(new TypeError('fetch failed', {cause: reset}))).toEqual({
			kind: 'network',
			message: 'fetch failed',
			code: 'ECONNRESET',
		});
	});

	it('turns an unreadable body into bad-response', () => {
		expect(toErrorInfo(new SyntaxError('Unexpected token <'))).toEqual({kind: 'bad-response', message: 'Unexpected token <'});
	});

	it('copes with things that are not errors', () => {
		expect(toErrorInfo('weird')).toEqual({kind: 'network', message: 'weird'});
		expect(toErrorInfo(undefined)).toEqual({kind: 'network', message: 'undefined'});
	});
});
