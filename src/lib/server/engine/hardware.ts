// Hardware description for measurements: the CPU, memory and GPU (as node-llama-cpp sees it) a probe
// or local run used, so stored speeds can be compared only with figures from the same machine.
import { availableParallelism, cpus, totalmem, platform, arch, hostname } from 'node:os';

export interface GpuInfo {
  /** llama.cpp backend: cuda, vulkan, metal. */
  backend: string;
  devices: string[];
  vramGb?: number;
}

export interface HardwareInfo {
  /** `local`: the engine ran in this process; `remote`: a server elsewhere, only the client is known. */
  location: 'local' | 'remote';
  label?: string;
  host: string;
  platform: string;
  arch: string;
  cpuModel: string;
  cpuCores: number;
  memoryGb: number;
  gpu: GpuInfo | null;
  engine?: string;
  threads?: number;
  /** Local engine: the model file was memory-mapped (its pages count in RSS beside repacked weights). */
  modelMmap?: boolean;
  /** Local engine: flash attention as requested ('auto': llama.cpp decides per backend). */
  flashAttention?: boolean | 'auto';
  /** Local engine: model layers offloaded to the GPU (0 on the CPU backend). */
  gpuLayers?: number;
  /** Local engine, gpu 'auto': why the GPU that was found is not used (its smoke test failed). */
  gpuFallback?: string;
}

/** What node:os says about this machine; GPU unknown (null) unless a llama instance fills it in. */
export function describeHost(location: HardwareInfo['location'], label?: string): HardwareInfo {
  const cpu = cpus()[0];
  return {
    location,
    ...(label ? { label } : {}),
    host: hostname(),
    platform: platform(),
    arch: arch(),
    cpuModel: cpu?.model?.trim() || 'unbekannt',
    cpuCores: availableParallelism(),
    memoryGb: round1(totalmem() / 1e9),
    gpu: null
  };
}

/** Minimal view of a node-llama-cpp `Llama` instance (kept structural so this module loads without it). */
export interface LlamaLike {
  gpu: string | false;
  getGpuDeviceNames(): Promise<string[]>;
  getVramState(): Promise<{ total: number }>;
  llamaCppRelease: { repo: string; release: string };
}

export async function describeLlamaHardware(llama: LlamaLike, opts: { threads?: number; label?: string; modelMmap?: boolean; flashAttention?: boolean | 'auto'; gpuLayers?: number; gpuFallback?: string } = {}): Promise<HardwareInfo> {
  const host = describeHost('local', opts.label);
  let gpu: GpuInfo | null = null;
  if (llama.gpu !== false) {
    const devices = await llama.getGpuDeviceNames().catch(() => [] as string[]);
    const vram = await llama.getVramState().catch(() => ({ total: 0 }));
    gpu = { backend: llama.gpu, devices, ...(vram.total > 0 ? { vramGb: round1(vram.total / 1e9) } : {}) };
  }
  return {
    ...host,
    gpu,
    engine: `node-llama-cpp 3.21.1 (llama.cpp ${llama.llamaCppRelease.release})`,
    ...(opts.threads ? { threads: opts.threads } : {}),
    ...(opts.modelMmap !== undefined ? { modelMmap: opts.modelMmap } : {}),
    ...(opts.flashAttention !== undefined ? { flashAttention: opts.flashAttention } : {}),
    ...(opts.gpuLayers !== undefined ? { gpuLayers: opts.gpuLayers } : {}),
    ...(opts.gpuFallback ? { gpuFallback: opts.gpuFallback } : {})
  };
}

/** Default decode threads: half the cores (1 on a 2-core machine, where 2 threads were slower). */
export function defaultThreads(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
