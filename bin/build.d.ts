/** The repository root. */
export const ROOT: string;
/** The compiled JavaScript file for `entry` (from the repository root), built when missing. */
export function compiled(entry?: string): Promise<string>;
