import os from 'node:os';
import type { MachineInfo } from './report';

export function machineInfo(now: Date): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() || 'unknown CPU',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: now.toISOString(),
  };
}
