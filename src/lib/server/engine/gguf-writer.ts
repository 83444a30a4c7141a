// Synthetic GGUF v3 writer: random but finite weights with the exact tensor shapes of an open model
// (llama architecture), streamed to disk from reused 8 MiB noise buffers so memory stays flat. The file's
// metadata marks it as synthetic (`werkbank.synthetic = true`) and names the shape it was built from.
// Such a file measures speed only: its output is noise.
import { open, rename, unlink } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createCipheriv, createHash } from 'node:crypto';

export type SynthQuant = 'q4_0' | 'q8_0' | 'f16';
export const synthQuants: readonly SynthQuant[] = ['q4_0', 'q8_0', 'f16'];

/** The fields of a catalog open model (`openModelSchema`) the writer needs. */
export interface SynthShape {
  id: string;
  name?: string;
  architecture?: string;
  layers: number;
  hiddenSize: number;
  ffnSize: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  vocabSize: number;
  contextLength: number;
  experts?: number;
  expertsUsed?: number;
}

/** GGUF metadata value types (GGUF v3). */
export const GgufValueType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12
} as const;

/** The ggml tensor types this writer emits. */
export const GgmlType = { F32: 0, F16: 1, Q4_0: 2, Q8_0: 8 } as const;
export type GgmlTypeId = (typeof GgmlType)[keyof typeof GgmlType];

/** Elements per block and bytes per block of each tensor type. */
const typeLayout: Record<GgmlTypeId, { blockElems: number; blockBytes: number }> = {
  [GgmlType.F32]: { blockElems: 1, blockBytes: 4 },
  [GgmlType.F16]: { blockElems: 1, blockBytes: 2 },
  [GgmlType.Q4_0]: { blockElems: 32, blockBytes: 18 },
  [GgmlType.Q8_0]: { blockElems: 32, blockBytes: 34 }
};

export const GGUF_ALIGNMENT = 32;
export const SYNTHETIC_KEY = 'werkbank.synthetic';
export const SHAPE_ID_KEY = 'werkbank.shape_id';
const CHUNK_BYTES = 8 * 1024 * 1024;

export type MetaValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'str'; value: string }
  | { type: 'arr-str'; value: string[] }
  | { type: 'arr-f32'; value: Float32Array }
  | { type: 'arr-i32'; value: Int32Array };

export interface TensorPlan {
  name: string;
  /** ggml order: dims[0] is the row length (contiguous). */
  dims: number[];
  type: GgmlTypeId;
  /** Offset from the start of the tensor data section (aligned). */
  offset: number;
  bytes: number;
  fill: 'random' | 'ones';
}

export interface SynthPlan {
  metadata: [string, MetaValue][];
  tensors: TensorPlan[];
  headerBytes: number;
  dataBytes: number;
  totalBytes: number;
  paramCount: number;
}

/** A shape that cannot become a loadable GGUF file; `problems` names each field. */
export class GgufShapeError extends Error {
  readonly problems: string[];
  constructor(shapeId: string, problems: string[]) {
    super(`Form "${shapeId}" lässt sich nicht als GGUF schreiben: ${problems.join('; ')}`);
    this.name = 'GgufShapeError';
    this.problems = problems;
  }
}

function weightType(quant: SynthQuant): GgmlTypeId {
  return quant === 'q4_0' ? GgmlType.Q4_0 : quant === 'q8_0' ? GgmlType.Q8_0 : GgmlType.F16;
}

/** Output projection type: Q8_0 for Q4_0 files (as in the H100 reference measurements), else the weight type. */
function outputType(quant: SynthQuant): GgmlTypeId {
  return quant === 'q4_0' ? GgmlType.Q8_0 : weightType(quant);
}

/** Every problem that would make the file unloadable (or abort llama.cpp), before anything is written. */
export function shapeProblems(shape: SynthShape, quant: SynthQuant): string[] {
  const p: string[] = [];
  const intFields = ['layers', 'hiddenSize', 'ffnSize', 'heads', 'kvHeads', 'headDim', 'vocabSize', 'contextLength'] as const;
  for (const f of intFields) {
    const v = shape[f];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) p.push(`${f} muss eine positive ganze Zahl sein (ist ${String(v)})`);
  }
  if (!synthQuants.includes(quant)) p.push(`quant "${String(quant)}" wird nicht unterstützt (q4_0, q8_0, f16)`);
  if (typeof shape.id !== 'string' || shape.id.length === 0) p.push('id fehlt');
  if (p.length) return p;
  if (shape.heads % shape.kvHeads !== 0) p.push(`heads (${shape.heads}) muss ein Vielfaches von kvHeads (${shape.kvHeads}) sein`);
  if (shape.headDim % 2 !== 0) p.push(`headDim (${shape.headDim}) muss gerade sein (RoPE)`);
  if (shape.vocabSize < 259 + 1) p.push(`vocabSize (${shape.vocabSize}) muss mindestens 260 sein (3 Steuer-Token, 256 Byte-Token, 1 Stück)`);
  if (shape.vocabSize > 1_048_576) p.push(`vocabSize (${shape.vocabSize}) ist unplausibel groß`);
  if (shape.layers > 1024) p.push(`layers (${shape.layers}) ist unplausibel groß`);
  const block = typeLayout[weightType(quant)].blockElems;
  if (block > 1) {
    // A quantised tensor's row length (dims[0]) must be a whole number of blocks.
    if (shape.hiddenSize % block !== 0) p.push(`hiddenSize (${shape.hiddenSize}) muss für ${quant} ein Vielfaches von ${block} sein`);
    if (shape.ffnSize % block !== 0) p.push(`ffnSize (${shape.ffnSize}) muss für ${quant} ein Vielfaches von ${block} sein`);
    if ((shape.heads * shape.headDim) % block !== 0) p.push(`heads × headDim (${shape.heads * shape.headDim}) muss für ${quant} ein Vielfaches von ${block} sein`);
  }
  if (shape.experts !== undefined || shape.expertsUsed !== undefined) {
    const e = shape.experts ?? 0;
    const u = shape.expertsUsed ?? 0;
    if (!Number.isInteger(e) || e < 2) p.push(`experts (${String(shape.experts)}) muss eine ganze Zahl ≥ 2 sein`);
    if (!Number.isInteger(u) || u < 1 || u > e) p.push(`expertsUsed (${String(shape.expertsUsed)}) muss zwischen 1 und experts liegen`);
  }
  return p;
}

export function validateShape(shape: SynthShape, quant: SynthQuant): void {
  const problems = shapeProblems(shape, quant);
  if (problems.length) throw new GgufShapeError(shape?.id ?? '?', problems);
}

const FILE_TYPE: Record<SynthQuant, number> = { f16: 1, q4_0: 2, q8_0: 7 };

/** Deterministic token pieces: <unk>, <s>, </s>, 256 byte tokens, then letter pieces (with and without ▁). */
export function syntheticVocab(vocabSize: number): { tokens: string[]; scores: Float32Array; types: Int32Array } {
  const tokens: string[] = ['<unk>', '<s>', '</s>'];
  for (let b = 0; b < 256; b++) tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
  const seen = new Set(tokens);
  const add = (s: string) => {
    if (tokens.length < vocabSize && !seen.has(s)) {
      seen.add(s);
      tokens.push(s);
    }
  };
  const lower = 'enirstadhulgocmbfwkzpvüäößjyxq';
  const singles = lower + lower.toUpperCase().replace('SS', '') + '0123456789.,;:!?-()"\'';
  add('▁');
  for (const c of singles) {
    add(c);
    add('▁' + c);
  }
  // Longer pieces over the lower-case alphabet, shortest first, until the vocabulary is full.
  let frontier = [...lower];
  while (tokens.length < vocabSize) {
    const next: string[] = [];
    for (const prefix of frontier) {
      for (const c of lower) {
        const s = prefix + c;
        add(s);
        add('▁' + s);
        next.push(s);
        if (tokens.length >= vocabSize) break;
      }
      if (tokens.length >= vocabSize) break;
    }
    frontier = next;
  }
  const scores = new Float32Array(vocabSize);
  const types = new Int32Array(vocabSize);
  for (let i = 0; i < vocabSize; i++) {
    scores[i] = i < 259 ? 0 : -(i - 259);
    types[i] = i === 0 ? 2 : i < 3 ? 3 : i < 259 ? 6 : 1; // unknown, control, byte, normal
  }
  return { tokens, scores, types };
}

/** Plan the file: metadata, tensor list with shapes, types and aligned offsets, and sizes. */
export function planSyntheticModel(shape: SynthShape, quant: SynthQuant, opts: { seed?: number; generator?: string } = {}): SynthPlan {
  validateShape(shape, quant);
  const { layers, hiddenSize: h, ffnSize: ff, heads, kvHeads, headDim, vocabSize, contextLength } = shape;
  const wt = weightType(quant);
  const moe = shape.experts !== undefined;
  const vocab = syntheticVocab(vocabSize);
  const metadata: [string, MetaValue][] = [
    ['general.architecture', { type: 'str', value: 'llama' }],
    ['general.name', { type: 'str', value: `${shape.name ?? shape.id} (synthetisch, ${quant})` }],
    ['general.file_type', { type: 'u32', value: FILE_TYPE[quant] }],
    ['general.quantization_version', { type: 'u32', value: 2 }],
    ['general.alignment', { type: 'u32', value: GGUF_ALIGNMENT }],
    [SYNTHETIC_KEY, { type: 'bool', value: true }],
    [SHAPE_ID_KEY, { type: 'str', value: shape.id }],
    ['werkbank.quant', { type: 'str', value: quant }],
    ['werkbank.seed', { type: 'u32', value: (opts.seed ?? 1) >>> 0 }],
    ['werkbank.source_architecture', { type: 'str', value: shape.architecture ?? 'llama' }],
    ['werkbank.generator', { type: 'str', value: opts.generator ?? 'werkbank synth' }],
    ['llama.context_length', { type: 'u32', value: contextLength }],
    ['llama.embedding_length', { type: 'u32', value: h }],
    ['llama.block_count', { type: 'u32', value: layers }],
    ['llama.feed_forward_length', { type: 'u32', value: ff }],
    ['llama.attention.head_count', { type: 'u32', value: heads }],
    ['llama.attention.head_count_kv', { type: 'u32', value: kvHeads }],
    ['llama.attention.key_length', { type: 'u32', value: headDim }],
    ['llama.attention.value_length', { type: 'u32', value: headDim }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.rope.dimension_count', { type: 'u32', value: headDim }],
    ['llama.rope.freq_base', { type: 'f32', value: 10000 }],
    ['llama.vocab_size', { type: 'u32', value: vocabSize }],
    ...(moe
      ? ([
          ['llama.expert_count', { type: 'u32', value: shape.experts! }],
          ['llama.expert_used_count', { type: 'u32', value: shape.expertsUsed! }]
        ] as [string, MetaValue][])
      : []),
    ['tokenizer.ggml.model', { type: 'str', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'arr-str', value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'arr-f32', value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'arr-i32', value: vocab.types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: 2 }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }]
  ];

  const specs: { name: string; dims: number[]; type: GgmlTypeId; fill: 'random' | 'ones' }[] = [];
  specs.push({ name: 'token_embd.weight', dims: [h, vocabSize], type: wt, fill: 'random' });
  for (let i = 0; i < layers; i++) {
    const b = `blk.${i}`;
    specs.push({ name: `${b}.attn_norm.weight`, dims: [h], type: GgmlType.F32, fill: 'ones' });
    specs.push({ name: `${b}.attn_q.weight`, dims: [h, heads * headDim], type: wt, fill: 'random' });
    specs.push({ name: `${b}.attn_k.weight`, dims: [h, kvHeads * headDim], type: wt, fill: 'random' });
    specs.push({ name: `${b}.attn_v.weight`, dims: [h, kvHeads * headDim], type: wt, fill: 'random' });
    specs.push({ name: `${b}.attn_output.weight`, dims: [heads * headDim, h], type: wt, fill: 'random' });
    specs.push({ name: `${b}.ffn_norm.weight`, dims: [h], type: GgmlType.F32, fill: 'ones' });
    if (moe) {
      const e = shape.experts!;
      specs.push({ name: `${b}.ffn_gate_inp.weight`, dims: [h, e], type: GgmlType.F32, fill: 'random' });
      specs.push({ name: `${b}.ffn_gate_exps.weight`, dims: [h, ff, e], type: wt, fill: 'random' });
      specs.push({ name: `${b}.ffn_down_exps.weight`, dims: [ff, h, e], type: wt, fill: 'random' });
      specs.push({ name: `${b}.ffn_up_exps.weight`, dims: [h, ff, e], type: wt, fill: 'random' });
    } else {
      specs.push({ name: `${b}.ffn_gate.weight`, dims: [h, ff], type: wt, fill: 'random' });
      specs.push({ name: `${b}.ffn_down.weight`, dims: [ff, h], type: wt, fill: 'random' });
      specs.push({ name: `${b}.ffn_up.weight`, dims: [h, ff], type: wt, fill: 'random' });
    }
  }
  specs.push({ name: 'output_norm.weight', dims: [h], type: GgmlType.F32, fill: 'ones' });
  specs.push({ name: 'output.weight', dims: [h, vocabSize], type: outputType(quant), fill: 'random' });

  let offset = 0;
  let paramCount = 0;
  const tensors: TensorPlan[] = specs.map((s) => {
    const elems = s.dims.reduce((a, d) => a * d, 1);
    const { blockElems, blockBytes } = typeLayout[s.type];
    const bytes = (elems / blockElems) * blockBytes;
    const t: TensorPlan = { ...s, offset, bytes };
    offset = alignUp(offset + bytes, GGUF_ALIGNMENT);
    paramCount += elems;
    return t;
  });
  const headerBytes = alignUp(encodeHeader(metadata, tensors).length, GGUF_ALIGNMENT);
  const last = tensors[tensors.length - 1];
  const dataBytes = last.offset + last.bytes;
  return { metadata, tensors, headerBytes, dataBytes, totalBytes: headerBytes + dataBytes, paramCount };
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Growable little-endian byte builder for the header. */
class ByteBuilder {
  private buf = Buffer.alloc(1 << 16);
  length = 0;
  private ensure(n: number) {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = Buffer.alloc(size);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  u8(v: number) {
    this.ensure(1);
    this.buf.writeUInt8(v, this.length);
    this.length += 1;
  }
  u32(v: number) {
    this.ensure(4);
    this.buf.writeUInt32LE(v, this.length);
    this.length += 4;
  }
  i32(v: number) {
    this.ensure(4);
    this.buf.writeInt32LE(v, this.length);
    this.length += 4;
  }
  u64(v: number) {
    this.ensure(8);
    this.buf.writeBigUInt64LE(BigInt(v), this.length);
    this.length += 8;
  }
  f32(v: number) {
    this.ensure(4);
    this.buf.writeFloatLE(v, this.length);
    this.length += 4;
  }
  str(s: string) {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.ensure(bytes.length);
    bytes.copy(this.buf, this.length);
    this.length += bytes.length;
  }
  bytes(b: Uint8Array) {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  pad(align: number) {
    const n = alignUp(this.length, align) - this.length;
    this.ensure(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
  }
  result(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/** Header, metadata KV pairs and tensor infos, padded to the alignment (the tensor data follows). */
export function encodeHeader(metadata: [string, MetaValue][], tensors: TensorPlan[]): Buffer {
  const b = new ByteBuilder();
  b.bytes(Buffer.from('GGUF', 'ascii'));
  b.u32(3);
  b.u64(tensors.length);
  b.u64(metadata.length);
  const T = GgufValueType;
  for (const [key, v] of metadata) {
    b.str(key);
    switch (v.type) {
      case 'u32':
        b.u32(T.UINT32);
        b.u32(v.value);
        break;
      case 'i32':
        b.u32(T.INT32);
        b.i32(v.value);
        break;
      case 'f32':
        b.u32(T.FLOAT32);
        b.f32(v.value);
        break;
      case 'bool':
        b.u32(T.BOOL);
        b.u8(v.value ? 1 : 0);
        break;
      case 'str':
        b.u32(T.STRING);
        b.str(v.value);
        break;
      case 'arr-str':
        b.u32(T.ARRAY);
        b.u32(T.STRING);
        b.u64(v.value.length);
        for (const s of v.value) b.str(s);
        break;
      case 'arr-f32':
        b.u32(T.ARRAY);
        b.u32(T.FLOAT32);
        b.u64(v.value.length);
        b.bytes(new Uint8Array(v.value.buffer, v.value.byteOffset, v.value.byteLength));
        break;
      case 'arr-i32':
        b.u32(T.ARRAY);
        b.u32(T.INT32);
        b.u64(v.value.length);
        b.bytes(new Uint8Array(v.value.buffer, v.value.byteOffset, v.value.byteLength));
        break;
    }
  }
  for (const t of tensors) {
    b.str(t.name);
    b.u32(t.dims.length);
    for (const d of t.dims) b.u64(d);
    b.u32(t.type);
    b.u64(t.offset);
  }
  b.pad(GGUF_ALIGNMENT);
  return b.result();
}

/**
 * Noise pools: one 8 MiB buffer per (tensor type, fill) holding whole blocks of valid random data, made
 * once from the AES-128-CTR key stream of a key derived from the seed (deterministic per seed). Tensors
 * are written straight from a pool starting at a seeded random block, wrapping around, so the writer
 * never regenerates data and only the disk limits the speed. The weights repeat with an 8 MiB period,
 * which does not change how fast they are computed with.
 */
class NoisePools {
  private pools = new Map<string, Buffer>();
  private cipher;
  private state: number;
  constructor(seed: number) {
    const key = createHash('sha256').update(`werkbank-synth:${seed >>> 0}`).digest().subarray(0, 16);
    this.cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
    this.state = (seed ^ 0x9e3779b9) >>> 0 || 1;
  }
  pool(type: GgmlTypeId, fill: 'random' | 'ones'): Buffer {
    const key = `${type}:${fill}`;
    let buf = this.pools.get(key);
    if (!buf) {
      const { blockBytes } = typeLayout[type];
      const len = Math.floor(CHUNK_BYTES / blockBytes) * blockBytes;
      buf = Buffer.allocUnsafeSlow(len);
      if (fill === 'ones') new Float32Array(buf.buffer, buf.byteOffset, len / 4).fill(1);
      else {
        this.cipher.update(Buffer.alloc(len)).copy(buf, 0);
        makeValid(buf, type);
      }
      this.pools.set(key, buf);
    }
    return buf;
  }
  /** xorshift32 for pool offsets. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
}

/**
 * Turn random bytes into valid data of `type`: quant blocks get a small positive f16 scale, f16 values
 * stay within ±0.03, f32 within ±0.01.
 */
function makeValid(buf: Buffer, type: GgmlTypeId) {
  const len = buf.length;
  if (type === GgmlType.Q4_0 || type === GgmlType.Q8_0) {
    // f16 scale, little endian: high byte = exponent<<2 | top mantissa bits. Q4_0: exponent 5–6
    // (d ≈ 0.001–0.004, weights ≤ ±0.03); Q8_0: exponent 2–3 (d ≈ 0.0001–0.0005, weights ≤ ±0.06).
    const base = type === GgmlType.Q4_0 ? 0x14 : 0x08;
    const step = typeLayout[type].blockBytes;
    for (let p = 1; p < len; p += step) buf[p] = base + (buf[p] & 7);
  } else if (type === GgmlType.F16) {
    // sign random, exponent 5–8: |x| in [2^-10, 2^-6·2)
    for (let p = 1; p < len; p += 2) buf[p] = (buf[p] & 0x80) | (0x14 + (buf[p] & 0x0f));
  } else {
    const u32 = new Uint32Array(buf.buffer, buf.byteOffset, len / 4);
    const f = new Float32Array(buf.buffer, buf.byteOffset, len / 4);
    for (let i = 0; i < f.length; i++) f[i] = (u32[i] / 4294967296 - 0.5) * 0.02;
  }
}

export interface SynthProgress {
  bytesWritten: number;
  totalBytes: number;
  tensorIndex: number;
  tensorCount: number;
}

export interface WriteSyntheticOptions {
  shape: SynthShape;
  quant: SynthQuant;
  outPath: string;
  seed?: number;
  generator?: string;
  onProgress?: (p: SynthProgress) => void;
  signal?: AbortSignal;
}

export interface WriteSyntheticResult {
  path: string;
  shapeId: string;
  quant: SynthQuant;
  bytes: number;
  tensors: number;
  paramCount: number;
  elapsedMs: number;
}

/**
 * Validate the shape, then stream the file to `<outPath>.partial` and rename it into place, so a failed
 * or aborted run never leaves a truncated model under the final name. Memory use: one 8 MiB noise pool
 * per tensor type plus the header (the token list), independent of the model size.
 */
export async function writeSyntheticGguf(opts: WriteSyntheticOptions): Promise<WriteSyntheticResult> {
  const t0 = performance.now();
  const plan = planSyntheticModel(opts.shape, opts.quant, { seed: opts.seed, generator: opts.generator });
  const header = encodeHeader(plan.metadata, plan.tensors);
  if (header.length !== plan.headerBytes) throw new Error(`interner Fehler: Kopfgröße ${header.length} ≠ ${plan.headerBytes}`);
  const tmp = `${opts.outPath}.partial`;
  const fh = await open(tmp, 'w');
  const noise = new NoisePools(opts.seed ?? 1);
  const zeros = Buffer.alloc(GGUF_ALIGNMENT);
  let pos = 0;
  // Positional writes from constant buffers (pools, header, padding); at most MAX_INFLIGHT at a time.
  const MAX_INFLIGHT = 4;
  const inflight: Promise<unknown>[] = [];
  let writeError: unknown;
  let lastReport = 0;
  const report = (tensorIndex: number) => {
    if (!opts.onProgress) return;
    const now = performance.now();
    if (now - lastReport < 200 && tensorIndex < plan.tensors.length) return;
    lastReport = now;
    opts.onProgress({ bytesWritten: pos, totalBytes: plan.totalBytes, tensorIndex, tensorCount: plan.tensors.length });
  };
  const push = async (buf: Buffer, offset: number, len: number) => {
    const at = pos;
    pos += len;
    inflight.push(
      fh.write(buf, offset, len, at).catch((err: unknown) => {
        writeError ??= err;
      })
    );
    if (inflight.length >= MAX_INFLIGHT) await inflight.shift();
    if (writeError) throw writeError;
  };
  try {
    await push(header, 0, header.length);
    for (let i = 0; i < plan.tensors.length; i++) {
      opts.signal?.throwIfAborted();
      const t = plan.tensors[i];
      const dataStart = plan.headerBytes + t.offset;
      if (pos < dataStart) await push(zeros, 0, dataStart - pos);
      const { blockBytes } = typeLayout[t.type];
      const pool = noise.pool(t.type, t.fill);
      const blocks = pool.length / blockBytes;
      let left = t.bytes;
      while (left > 0) {
        const len = Math.min(left, pool.length);
        const start = (noise.next() % blocks) * blockBytes;
        const first = Math.min(len, pool.length - start);
        await push(pool, start, first);
        if (len > first) await push(pool, 0, len - first);
        left -= len;
        report(i);
      }
    }
    await Promise.all(inflight);
    if (writeError) throw writeError;
    if (pos !== plan.totalBytes) throw new Error(`interner Fehler: ${pos} Bytes geschrieben, ${plan.totalBytes} geplant`);
    report(plan.tensors.length);
    await fh.close();
    await rename(tmp, opts.outPath);
  } catch (err) {
    await Promise.all(inflight).catch(() => undefined);
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  return {
    path: opts.outPath,
    shapeId: opts.shape.id,
    quant: opts.quant,
    bytes: plan.totalBytes,
    tensors: plan.tensors.length,
    paramCount: plan.paramCount,
    elapsedMs: performance.now() - t0
  };
}
