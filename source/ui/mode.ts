/** What the keyboard is talking to. Only `normal` moves the list; prompts and confirmations own every key but Ctrl-C. */
export type Mode = 'normal' | 'adding' | 'filtering' | 'confirm-remove' | 'confirm-clear' | 'help';

/** Modes with a text prompt: printable input goes into the prompt. */
export function isPromptMode(mode: Mode): mode is 'adding' | 'filtering' {
	return mode === 'adding' || mode === 'filtering';
}

export function isConfirmMode(mode: Mode): mode is 'confirm-remove' | 'confirm-clear' {
	return mode === 'confirm-remove' || mode === 'confirm-clear';
}
