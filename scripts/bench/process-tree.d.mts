/** The process and all its descendants, parents first (read from /proc). */
export function processTree(pid: number): number[];
/** User + system CPU seconds the processes, and their ended children, have used so far. */
export function cpuSecondsOf(pids: number[]): number;
/** The top processes named `name` (PostgreSQL's postmaster, not its backends); empty when none runs here. */
export function topProcessesNamed(name: string): number[];
