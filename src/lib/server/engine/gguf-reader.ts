// GGUF v3 metadata reader: reads the header, metadata and (optionally) tensor infos without loading
// tensor data, so Werkbank can detect synthetic files and refuse files that would abort llama.cpp
// (missing hyper-parameters hit GGML_ASSERT and kill the whole process) before node-llama-cpp sees them.
import { open, type FileHandle } from 'node:fs/promises';
import { GgufValueType as T, SHAPE_ID_KEY, SYNTHETIC_KEY } from './gguf-writer';

export type GgufScalar = number | bigint | boolean | string;
/** Large arrays (e.g. the token list) are summarised unless `keepArrays` asks for them. */
export type GgufValue = GgufScalar | GgufScalar[] | { arrayType: number; length: number };

export interface GgufTensorInfo {
  name: string;
  dims: number[];
  type: number;
  offset: number;
}

export interface GgufInfo {
  path: string;
  version: number;
  tensorCount: number;
  metadata: Record<string, GgufValue>;
  tensors?: GgufTensorInfo[];
  /** Absolute file offset of the tensor data section (only when tensors were read). */
  dataOffset?: number;
}

export class GgufReadError extends Error {
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'GgufReadError';
  }
}

/** Buffered sequential reader over a file handle. */
class Reader {
  private buf = Buffer.alloc(1 << 20);
  private start = 0; // file offset of buf[0]
  private end = 0; // valid bytes in buf
  pos = 0; // absolute file offset
  constructor(
    private fh: FileHandle,
    private path: string
  ) {}
  private async need(n: number) {
    if (this.pos + n <= this.start + this.end) return;
    if (n > this.buf.length) this.buf = Buffer.alloc(Math.max(n, this.buf.length * 2));
    const { bytesRead } = await this.fh.read(this.buf, 0, this.buf.length, this.pos);
    this.start = this.pos;
    this.end = bytesRead;
    if (bytesRead < n) throw new GgufReadError(this.path, `Datei endet vorzeitig bei Byte ${this.pos + bytesRead}`);
  }
  private at() {
    return this.pos - this.start;
  }
  async u8() {
    await this.need(1);
    const v = this.buf.readUInt8(this.at());
    this.pos += 1;
    return v;
  }
  async u32() {
    await this.need(4);
    const v = this.buf.readUInt32LE(this.at());
    this.pos += 4;
    return v;
  }
  async u64(): Promise<number> {
    await this.need(8);
    const v = this.buf.readBigUInt64LE(this.at());
    this.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new GgufReadError(this.path, `Wert ${v} bei Byte ${this.pos - 8} ist zu groß`);
    return Number(v);
  }
  async scalar(type: number): Promise<GgufScalar> {
    const sizes: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
    if (type === T.STRING) return this.str();
    const n = sizes[type];
    if (n === undefined) throw new GgufReadError(this.path, `unbekannter Metadaten-Typ ${type} bei Byte ${this.pos}`);
    await this.need(n);
    const o = this.at();
    const b = this.buf;
    let v: GgufScalar;
    switch (type) {
      case T.UINT8: v = b.readUInt8(o); break;
      case T.INT8: v = b.readInt8(o); break;
      case T.UINT16: v = b.readUInt16LE(o); break;
      case T.INT16: v = b.readInt16LE(o); break;
      case T.UINT32: v = b.readUInt32LE(o); break;
      case T.INT32: v = b.readInt32LE(o); break;
      case T.FLOAT32: v = b.readFloatLE(o); break;
      case T.BOOL: v = b.readUInt8(o) !== 0; break;
      case T.UINT64: { const x = b.readBigUInt64LE(o); v = x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x; break; }
      case T.INT64: { const x = b.readBigInt64LE(o); v = x <= BigInt(Number.MAX_SAFE_INTEGER) && x >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(x) : x; break; }
      default: v = b.readDoubleLE(o);
    }
    this.pos += n;
    return v;
  }
  async str(): Promise<string> {
    const len = await this.u64();
    if (len > 64 * 1024 * 1024) throw new GgufReadError(this.path, `Zeichenkette mit ${len} Bytes bei Byte ${this.pos - 8} ist unplausibel`);
    await this.need(len);
    const s = this.buf.toString('utf8', this.at(), this.at() + len);
    this.pos += len;
    return s;
  }
}

/**
 * Read the metadata (and with `tensors: true` the tensor infos) of a GGUF v2/v3 file.
 * Arrays longer than `keepArrays` elements (default 64) are summarised as `{ arrayType, length }`.
 */
export async function readGgufInfo(path: string, opts: { tensors?: boolean; keepArrays?: number } = {}): Promise<GgufInfo> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw new GgufReadError(path, `lässt sich nicht öffnen (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    const r = new Reader(fh, path);
    const magic = await r.u32();
    if (magic !== 0x46554747) throw new GgufReadError(path, 'keine GGUF-Datei (Magic "GGUF" fehlt)');
    const version = await r.u32();
    if (version < 2 || version > 3) throw new GgufReadError(path, `GGUF-Version ${version} wird nicht unterstützt (2 oder 3)`);
    const tensorCount = await r.u64();
    const kvCount = await r.u64();
    if (kvCount > 100_000) throw new GgufReadError(path, `${kvCount} Metadaten-Einträge sind unplausibel`);
    const keep = opts.keepArrays ?? 64;
    const metadata: Record<string, GgufValue> = {};
    for (let i = 0; i < kvCount; i++) {
      const key = await r.str();
      const type = await r.u32();
      if (type === T.ARRAY) {
        const itemType = await r.u32();
        const length = await r.u64();
        if (itemType === T.ARRAY) throw new GgufReadError(path, `verschachteltes Array in "${key}" wird nicht unterstützt`);
        const items: GgufScalar[] = [];
        for (let j = 0; j < length; j++) {
          const v = await r.scalar(itemType);
          if (length <= keep) items.push(v);
        }
        metadata[key] = length <= keep ? items : { arrayType: itemType, length };
      } else {
        metadata[key] = await r.scalar(type);
      }
    }
    const info: GgufInfo = { path, version, tensorCount, metadata };
    if (opts.tensors) {
      const tensors: GgufTensorInfo[] = [];
      for (let i = 0; i < tensorCount; i++) {
        const name = await r.str();
        const nDims = await r.u32();
        if (nDims > 8) throw new GgufReadError(path, `Tensor "${name}" hat ${nDims} Dimensionen`);
        const dims: number[] = [];
        for (let d = 0; d < nDims; d++) dims.push(await r.u64());
        const type = await r.u32();
        const offset = await r.u64();
        tensors.push({ name, dims, type, offset });
      }
      const align = typeof metadata['general.alignment'] === 'number' ? (metadata['general.alignment'] as number) : 32;
      info.tensors = tensors;
      info.dataOffset = Math.ceil(r.pos / align) * align;
    }
    return info;
  } finally {
    await fh.close();
  }
}

/** True when the file was written by `werkbank synth` (random weights: speed only, no quality). */
export function isSyntheticGguf(info: GgufInfo): boolean {
  return info.metadata[SYNTHETIC_KEY] === true;
}

export function syntheticShapeId(info: GgufInfo): string | undefined {
  const v = info.metadata[SHAPE_ID_KEY];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Hyper-parameters llama.cpp needs for the architecture; a missing one aborts the process in
 * llama.cpp (GGML_ASSERT), so callers check this before loading.
 */
export function missingModelKeys(info: GgufInfo): string[] {
  const arch = info.metadata['general.architecture'];
  if (typeof arch !== 'string') return ['general.architecture'];
  const required = ['context_length', 'embedding_length', 'block_count', 'feed_forward_length', 'attention.head_count'].map((k) => `${arch}.${k}`);
  if (arch === 'llama') required.push('llama.attention.layer_norm_rms_epsilon');
  required.push('tokenizer.ggml.model', 'tokenizer.ggml.tokens');
  return required.filter((k) => !(k in info.metadata));
}
