/** The process and all its descendants, parents first (read from /proc). */
export function processTree(pid: number): number[];
