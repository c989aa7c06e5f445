/** The Ink versions the patch (source/ui/terminal/ink-patch) was checked against. */
export const INK_CHECKED: readonly string[];
/** ink/build, as the project at `root` resolves it. */
export function inkBuildDir(root: string): string;
/** Throws, with what to do, when the Ink in `inkBuild` is not one the patch may wrap. */
export function checkInkInternals(inkBuild: string): Promise<void>;
