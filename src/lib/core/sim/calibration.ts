// Calibration data: measured llama.cpp decode/prefill speeds (shared/reference: h100-llamacpp-synthetic.md
// and the llama.cpp CUDA scoreboard in hardware-and-prices.md) against the reference roofline, used by
// docs/cost-model.md and the calibration test. The default efficiencies are chosen from these rows.
import { kvBytesPerToken, rooflineStepSeconds } from './model';

export interface GpuFigures {
  name: string;
  bandwidthGbps: number;
  fp16Tflops: number;
}
export interface ShapeFigures {
  name: string;
  paramsB: number;
  layers: number;
  kvHeads: number;
  headDim: number;
  /** GGUF file size in GiB (what a decode step reads). */
  fileGib: number;
}

export interface CalibrationRow {
  id: string;
  gpu: GpuFigures;
  shape: ShapeFigures;
  streams: number;
  /** Average context while decoding: prompt + half the generated tokens. */
  avgContextTokens: number;
  /** Measured aggregate decode tokens/s over all streams. */
  measuredTokensPerSec: number;
  /** Measured prompt-processing tokens/s (pp512), where reported. */
  measuredPrefillTokensPerSec?: number;
  setting: string;
  source: string;
}

const H100: GpuFigures = { name: 'H100 SXM', bandwidthGbps: 3350, fp16Tflops: 989 };
const M7_Q4: ShapeFigures = { name: 'Mistral 7B Q4_0', paramsB: 7.25, layers: 32, kvHeads: 8, headDim: 128, fileGib: 3.86 };
const M7_Q8: ShapeFigures = { name: 'Mistral 7B Q8_0', paramsB: 7.25, layers: 32, kvHeads: 8, headDim: 128, fileGib: 7.17 };
const L8_Q4: ShapeFigures = { name: 'Llama 8B Q4_0', paramsB: 8.03, layers: 32, kvHeads: 8, headDim: 128, fileGib: 4.45 };
const L70_Q4: ShapeFigures = { name: 'Llama 70B Q4_0', paramsB: 70.55, layers: 80, kvHeads: 8, headDim: 128, fileGib: 37.45 };
const L2_7_Q4: ShapeFigures = { name: 'Llama 2 7B Q4_0', paramsB: 6.74, layers: 32, kvHeads: 32, headDim: 128, fileGib: 3.56 };
const SRC_H100 = 'h100-llamacpp-synthetic.md (llama.cpp 80fb11a, synthetic GGUF, measured 2026-11-27)';
const SRC_BOARD = 'llama.cpp CUDA scoreboard, discussion 15013 (via hardware-and-prices.md, transcribed 2026-08)';

/** Single-stream rows: llama-bench tg128 (empty prompt → average context 64). */
export const SINGLE_STREAM_ROWS: CalibrationRow[] = [
  { id: 'h100-m7-q4', gpu: H100, shape: M7_Q4, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 340.4, measuredPrefillTokensPerSec: 10972, setting: 'llama-bench tg128, fa1', source: SRC_H100 },
  { id: 'h100-m7-q8', gpu: H100, shape: M7_Q8, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 238.6, measuredPrefillTokensPerSec: 11144, setting: 'llama-bench tg128, fa1', source: SRC_H100 },
  { id: 'h100-l8-q4', gpu: H100, shape: L8_Q4, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 325.5, measuredPrefillTokensPerSec: 10956, setting: 'llama-bench tg128, fa1', source: SRC_H100 },
  { id: 'h100-l70-q4', gpu: H100, shape: L70_Q4, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 52.4, measuredPrefillTokensPerSec: 1420, setting: 'llama-bench tg128, fa1', source: SRC_H100 },
  { id: 'rtx5090-l2-7', gpu: { name: 'RTX 5090', bandwidthGbps: 1792, fp16Tflops: 210 }, shape: L2_7_Q4, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 290.0, measuredPrefillTokensPerSec: 14073, setting: 'llama-bench tg128, fa0', source: SRC_BOARD },
  { id: 'rtxpro6000-l2-7', gpu: { name: 'RTX PRO 6000 Blackwell Max-Q', bandwidthGbps: 1792, fp16Tflops: 400 }, shape: L2_7_Q4, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 260.4, measuredPrefillTokensPerSec: 12742, setting: 'llama-bench tg128, fa0', source: SRC_BOARD },
  { id: 'rtx4090-l2-7', gpu: { name: 'RTX 4090', bandwidthGbps: 1008, fp16Tflops: 165 }, shape: L2_7_Q4, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 186.2, measuredPrefillTokensPerSec: 11993, setting: 'llama-bench tg128, fa0', source: SRC_BOARD },
  { id: 'rtx6000ada-l2-7', gpu: { name: 'RTX 6000 Ada', bandwidthGbps: 960, fp16Tflops: 364 }, shape: L2_7_Q4, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 176.1, measuredPrefillTokensPerSec: 9229, setting: 'llama-bench tg128, fa0', source: SRC_BOARD },
  { id: 'l40-l2-7', gpu: { name: 'L40', bandwidthGbps: 864, fp16Tflops: 181 }, shape: L2_7_Q4, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 152.0, measuredPrefillTokensPerSec: 8870, setting: 'llama-bench tg128, fa0', source: SRC_BOARD }
];

/** H100 fa0 single-stream figures (shown in the docs, not used for the defaults). */
export const SINGLE_STREAM_FA0_ROWS: CalibrationRow[] = [
  { id: 'h100-m7-q4-fa0', gpu: H100, shape: M7_Q4, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 287.6, setting: 'llama-bench tg128, fa0', source: SRC_H100 },
  { id: 'h100-m7-q8-fa0', gpu: H100, shape: M7_Q8, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 213.0, setting: 'llama-bench tg128, fa0', source: SRC_H100 },
  { id: 'h100-l8-q4-fa0', gpu: H100, shape: L8_Q4, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 276.3, setting: 'llama-bench tg128, fa0', source: SRC_H100 },
  { id: 'h100-l70-q4-fa0', gpu: H100, shape: L70_Q4, streams: 1, avgContextTokens: 64, measuredTokensPerSec: 46.2, setting: 'llama-bench tg128, fa0', source: SRC_H100 }
];

/** Batched rows: llama-batched-bench -npp 512 -ntg 128, fa on (average context 512 + 64). */
export const BATCHED_ROWS: CalibrationRow[] = [
  ...([[1, 328], [4, 960], [8, 1360], [16, 2042], [32, 3254], [64, 4629]] as const).map(([b, tps]) => ({ id: `h100-m7-q4-b${b}`, gpu: H100, shape: M7_Q4, streams: b, avgContextTokens: 576, measuredTokensPerSec: tps, setting: 'llama-batched-bench, fa1', source: SRC_H100 })),
  ...([[1, 51.5], [4, 160], [8, 202], [16, 344], [32, 579]] as const).map(([b, tps]) => ({ id: `h100-l70-q4-b${b}`, gpu: H100, shape: L70_Q4, streams: b, avgContextTokens: 576, measuredTokensPerSec: tps, setting: 'llama-batched-bench, fa1', source: SRC_H100 }))
];

/** Default efficiencies (see docs/cost-model.md §Calibration for how they were chosen). */
export const DEFAULT_EFFICIENCY = { bandwidth: 0.55, compute: 0.4 };

export function predictDecodeTokensPerSec(row: CalibrationRow, efficiency = DEFAULT_EFFICIENCY): number {
  const { stepSeconds } = rooflineStepSeconds(
    {
      activeWeightBytes: row.shape.fileGib * 2 ** 30,
      kvBytesPerToken: kvBytesPerToken(row.shape),
      avgContextTokens: row.avgContextTokens,
      activeParamsB: row.shape.paramsB,
      bandwidthGbps: row.gpu.bandwidthGbps,
      fp16Tflops: row.gpu.fp16Tflops,
      gpuCount: 1,
      efficiency
    },
    row.streams
  );
  return row.streams / stepSeconds;
}

/** Prefill tokens/s predicted by the compute term: TFLOPS·1e12·eff / (2·params). */
export function predictPrefillTokensPerSec(row: CalibrationRow, efficiency = DEFAULT_EFFICIENCY): number {
  return (row.gpu.fp16Tflops * 1e12 * efficiency.compute) / (2 * row.shape.paramsB * 1e9);
}

/** Relative error (predicted − measured) / measured. */
export function relativeError(predicted: number, measured: number): number {
  return (predicted - measured) / measured;
}
