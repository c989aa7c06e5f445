import React from 'react';
import {Box, Text} from 'ink';
import {formatDuration} from '../../core/durations.js';
import type {Summary} from '../../core/summary.js';
import {version} from '../../version.js';
import {authAdvice} from '../text/auth-advice.js';
import {countdown} from '../text/clock-text.js';

import {useTheme, type ColorRole, type Glyphs} from '../theme/theme.js';
import {plural} from '../../domain/text.js';

export interface HeaderProps {
	/** The tenant name, or "all tenants". */
	tenantLabel: string;
	summary: Summary;
	now: number;
	width: number;
	/** How often a tenant with failing credentials is tried again (for the banner). */
	authRetryMs: number;
	/** The latest event (an end, a stall), told in place of the polling state for a few seconds. */
	alert?: HeaderAlert;
	/** Events in the events log (E) not seen yet: told until the log is opened. */
	unseen?: number;
	/** Running rows that look stalled (counted among the running). */
	stalled?: number;
	/** Rows out of view are polled this often, slower than --interval (outOfViewEveryMs): told after "live". */
	outOfViewMs?: number;
}

export interface HeaderAlert {
	/** e.g. "Workday: COMPLETED, 5,210 accounts in 14m 03s". */
	text: string;
	severity: 'success' | 'failure';
	/** A stall: told with the stall mark and the warning colour, as the stalled count and the legend say it. */
	stalled?: boolean;
}

export interface PollingState {
	label: string;
	role: ColorRole;
	glyph: 'live' | 'paused' | 'rateLimited' | 'waiting';
}

/** At most this many auth banners; further tenants are counted on one more line. */
const MAX_BANNERS = 2;
/** A banner wraps onto at most this many lines. */
const MAX_BANNER_LINES = 3;

/**
 * paused (by the user), rate-limited with the time left (the longest 429 pause of any tenant), idle (nothing left
 * to poll), or live; live says how often rows out of view refresh when that is slower than --interval
 * (`outOfViewMs`).
 */
export function pollingState(summary: Summary, now: number, outOfViewMs?: number): PollingState {
	if (summary.paused) {
		return {label: 'paused', role: 'warning', glyph: 'paused'};
	}

	const until = Math.max(-Infinity, ...Object.values(summary.rateLimitedUntil));
	if (until > now) {
		return {label: `rate-limited, resuming in ${countdown(until, now)}`, role: 'warning', glyph: 'rateLimited'};
	}

	if (summary.running + summary.waiting === 0) {
		return {label: 'idle, nothing to poll', role: 'muted', glyph: 'waiting'};
	}

	const every = outOfViewMs === undefined ? '' : `, out of view: every ~${formatDuration(Math.round(outOfViewMs / 1000) * 1000)}`;
	return {label: `live${every}`, role: 'done', glyph: 'live'};
}

interface Banner {
	key: string;
	text: string;
	lines: number;
}

function banners(summary: Summary, width: number, retryMs: number, glyphs: Glyphs): Banner[] {
	const failing = Object.entries(summary.authErrors);
	const result: Banner[] = failing.slice(0, MAX_BANNERS).map(([tenant, error]) => {
		const text = `${glyphs.terminated} ${authAdvice(tenant, error, retryMs)}`;
		// Word wrapping loses up to a word per line and overflow is clipped, so estimate on the generous side.
		const lines = Math.min(MAX_BANNER_LINES, Math.ceil([...text].length / Math.max(1, width - 12)));
		return {key: tenant, text, lines};
	});
	const more = failing.length - MAX_BANNERS;
	if (more > 0) {
		result.push({
			key: '+more',
			text: `${glyphs.terminated} ${plural(more, 'more tenant')} with failing credentials`,
			lines: 1,
		});
	}

	return result;
}

/** Lines the header takes at this width. */
export function headerHeight(summary: Summary, width: number, retryMs: number, glyphs: Glyphs): number {
	return 1 + banners(summary, width, retryMs, glyphs).reduce((total, banner) => total + banner.lines, 0);
}

interface Count {
	text: string;
	short: string;
	role: ColorRole;
}

function counts(summary: Summary, glyphs: Glyphs, stalled = 0): Count[] {
	const result: Count[] = [];
	const add = (glyph: string, value: number, word: string, role: ColorRole, shortGlyph = glyph) => {
		result.push({text: `${glyph} ${value} ${word}`, short: `${shortGlyph}${value}`, role});
	};

	add(glyphs.started, summary.running, 'running', 'running');
	if (stalled > 0) {
		add(glyphs.stalled, stalled, 'stalled?', 'warning');
	}

	if (summary.waiting > 0) {
		add(glyphs.waiting, summary.waiting, 'waiting', 'waiting');
	}

	add(glyphs.completed, summary.done, 'done', 'done');
	if (summary.warnings > 0) {
		// Short forms say "completed, with": ✖ alone is a failed run.
		add(glyphs.warning, summary.warnings, 'with warnings', 'warning', `${glyphs.completed}${glyphs.warning}`);
	}

	if (summary.errors > 0) {
		add(glyphs.terminated, summary.errors, 'with errors', 'error', `${glyphs.completed}${glyphs.terminated}`);
	}

	add(glyphs.terminated, summary.failed, 'failed', summary.failed > 0 ? 'failed' : 'muted');
	// Cancelled and not-found rows are not failures of the run: counted apart, when there are any.
	if (summary.cancelled > 0) {
		add(glyphs.cancelled, summary.cancelled, 'cancelled', 'cancelled');
	}

	if (summary.notFound > 0) {
		add(glyphs.notFound, summary.notFound, 'not found', 'failed');
	}

	if (summary.expired > 0) {
		add(glyphs.expired, summary.expired, 'expired', 'muted');
	}

	if (summary.erroring > 0) {
		add(glyphs.error, summary.erroring, 'erroring', 'error');
	}

	return result;
}

/** "3 unseen (E)": the events the log holds that the user has not opened it for; nothing once seen. */
export function unseenText(unseen: number): string {
	return unseen > 0 ? `${unseen} unseen (E)` : '';
}

/** `text` cut to `room` characters at a space, so no word is cut ("Okta: COMPLETED, 4,000 accounts…"). */
export function cutAtWord(text: string, room: number, ellipsis: string): string {
	const chars = [...text];
	if (chars.length <= room) {
		return text;
	}

	const keep = room - [...ellipsis].length;
	if (keep <= 0) {
		return chars.slice(0, Math.max(0, room)).join('');
	}

	const head = chars.slice(0, keep + 1).join('');
	const space = head.lastIndexOf(' ');
	const cut = space > 0 ? head.slice(0, space).replace(/[,;:]$/, '') : chars.slice(0, keep).join('');
	return `${cut}${ellipsis}`;
}

export interface HeaderFit {
	/** The version has room (it goes before anything useful). */
	version: boolean;
	/** The counts in their short form ("▶2 ✔3"). */
	short: boolean;
	/** The polling state or event as it fits, cut at a word. */
	label: string;
}

/**
 * What the header line keeps at this width, least useful going first: the version (shown only when everything else
 * is whole), then the counts' long form ("▶ 2 running"), then the end of the event (or polling state), cut at a word.
 */
export function headerFit(
	parts: {tenantLabel: string; news: string; symbol: string; label: string; countsLong: string; countsShort: string},
	width: number,
	glyphs: Pick<Glyphs, 'separator' | 'ellipsis'>,
): HeaderFit {
	const separator = ` ${glyphs.separator} `;
	const lengthOf = (text: string) => [...text].length;
	const leftOf = (withVersion: boolean) =>
		[
			withVersion ? `aggwatch ${version}` : 'aggwatch',
			parts.tenantLabel,
			...(parts.news === '' ? [] : [parts.news]),
			`${parts.symbol} ${parts.label}`,
		].join(separator);
	// The counts' box keeps one space before it.
	const fits = (withVersion: boolean, counts: string) => lengthOf(leftOf(withVersion)) + 1 + lengthOf(counts) <= width;
	const short = !fits(false, parts.countsLong);
	const withVersion = fits(true, short ? parts.countsShort : parts.countsLong);
	const counts = short ? parts.countsShort : parts.countsLong;
	const room = width - 1 - lengthOf(counts) - (lengthOf(leftOf(withVersion)) - lengthOf(parts.label));
	return {version: withVersion, short, label: cutAtWord(parts.label, Math.max(0, room), glyphs.ellipsis)};
}

/**
 * Name, version, tenant, unseen events, the latest event or the polling state, and counts; then one banner per
 * tenant whose credentials fail. The unseen count comes before the event, so a narrow header cuts the event first;
 * the version goes before that (headerFit).
 */
export function Header({tenantLabel, summary, now, width, authRetryMs, alert, unseen = 0, stalled, outOfViewMs}: HeaderProps) {
	const {glyphs, paint} = useTheme();
	const polling: PollingState & {text?: string} =
		alert === undefined
			? pollingState(summary, now, outOfViewMs)
			: {
					label: alert.text,
					role: alert.stalled === true ? 'warning' : alert.severity === 'success' ? 'done' : 'failed',
					glyph: 'live',
					text: alert.stalled === true ? glyphs.stalled : alert.severity === 'success' ? glyphs.completed : glyphs.terminated,
				};
	const symbol = polling.text ?? glyphs[polling.glyph];
	const separator = ` ${glyphs.separator} `;
	const news = unseenText(unseen);
	const items = counts(summary, glyphs, stalled);
	const fitted = headerFit(
		{
			tenantLabel,
			news,
			symbol,
			label: polling.label,
			countsLong: items.map(item => item.text).join('  '),
			countsShort: items.map(item => item.short).join(' '),
		},
		width,
		glyphs,
	);
	const useShort = fitted.short;
	return (
		<Box flexDirection="column" width={width}>
			<Box width={width} justifyContent="space-between">
				<Text wrap="truncate">
					<Text bold color={paint('accent')}>
						aggwatch
					</Text>
					{fitted.version ? <Text color={paint('muted')}> {version}</Text> : null}
					<Text color={paint('muted')}>{separator}</Text>
					<Text bold>{tenantLabel}</Text>
					<Text color={paint('muted')}>{separator}</Text>
					{news === '' ? null : (
						<>
							<Text color={paint('key')} bold>
								{news}
							</Text>
							<Text color={paint('muted')}>{separator}</Text>
						</>
					)}
					<Text color={paint(polling.role)} bold={alert !== undefined}>
						{symbol} {fitted.label}
					</Text>
				</Text>
				<Box flexShrink={0} marginLeft={1}>
					<Text>
						{items.map((item, index) => (
							<Text key={item.text} color={paint(item.role)}>
								{index === 0 ? '' : useShort ? ' ' : '  '}
								{useShort ? item.short : item.text}
							</Text>
						))}
					</Text>
				</Box>
			</Box>
			{banners(summary, width, authRetryMs, glyphs).map(banner => (
				<Box key={banner.key} height={banner.lines} overflowY="hidden">
					<Text wrap="wrap" color={paint('error')} bold>
						{banner.text}
					</Text>
				</Box>
			))}
		</Box>
	);
}
