/** Readings of a child process and of the machine from /proc (Linux). */
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import os from 'node:os';

let clockTicks: number | undefined;

/** Clock ticks per second of utime/stime in /proc/<pid>/stat (getconf CLK_TCK; 100 on Linux almost always). */
export function ticksPerSecond(): number {
	if (clockTicks === undefined) {
		try {
			clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
		} catch {
			clockTicks = 100;
		}
	}

	return clockTicks;
}

/** CPU time (user + system) the process has used so far, in ms. */
export function cpuTimeMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name (field 2) may hold spaces and parentheses: count fields from the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// After the name: state is field 3, so utime (14) and stime (15) sit at indexes 11 and 12.
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	return ((utime + stime) * 1000) / ticksPerSecond();
}

/** Resident set size (VmRSS) in bytes. */
export function rssBytes(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
	if (match?.[1] === undefined) {
		throw new Error(`no VmRSS for process ${pid}`);
	}

	return Number(match[1]) * 1024;
}

export interface MachineInfo {
	node: string;
	platform: string;
	cpus: number;
	cpuModel: string;
	/** 1, 5 and 15 minute load averages. */
	loadAverage: [number, number, number];
}

export function machineInfo(): MachineInfo {
	const [one = 0, five = 0, fifteen = 0] = os.loadavg();
	return {
		node: process.version,
		platform: `${os.platform()} ${os.release()}`,
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		loadAverage: [one, five, fifteen],
	};
}
