import { readFileSync } from 'node:fs';

/** The machine's CPU time so far, from /proc/stat's first line (in clock ticks). */
export interface CpuTicks {
  /** Ticks a hypervisor ran something else while this machine's CPUs wanted to run. */
  steal: number;
  total: number;
}

/** Null where there is no /proc/stat (not Linux). */
export function cpuTicks(): CpuTicks | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    // guest and guest_nice are counted in user and nice already.
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { steal: fields[7] ?? 0, total };
  } catch {
    return null;
  }
}

/**
 * Percent of the machine's CPU time stolen by the hypervisor between two readings: a virtual
 * machine's noisy neighbours, which slow a round without the code changing. NaN without /proc.
 */
export function stealPercent(before: CpuTicks | null, after: CpuTicks | null): number {
  if (before === null || after === null || after.total <= before.total) return Number.NaN;
  return (100 * (after.steal - before.steal)) / (after.total - before.total);
}
