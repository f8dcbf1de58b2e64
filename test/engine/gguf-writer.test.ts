import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTensorData, gv, toHalf, writeGgufFile, type GgufSpec } from '../fixtures/gguf-writer.js';
import { buildSuccessorModel, CHATML_TEMPLATE, writeSuccessorModel } from '../fixtures/successor-model.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baimo-gguf-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** readGgufFileInfo nests dotted keys: `a.b.c` → metadata.a.b.c. */
const get = (meta: unknown, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], meta);

describe('gguf-writer', () => {
  it('writes metadata of every value type that node-llama-cpp reads back', async () => {
    const path = join(dir, 'meta.gguf');
    const spec: GgufSpec = {
      metadata: {
        'general.architecture': gv.str('llama'),
        'general.alignment': gv.u32(64),
        'test.u8': gv.u8(250),
        'test.i8': gv.i8(-100),
        'test.u16': gv.u16(65000),
        'test.i16': gv.i16(-30000),
        'test.u32': gv.u32(4_000_000_000),
        'test.i32': gv.i32(-2_000_000_000),
        'test.f32': gv.f32(1.5),
        'test.f64': gv.f64(Math.PI),
        'test.bool': gv.bool(true),
        'test.str': gv.str('百模 baimo ▁'),
        'test.u64': gv.u64(2n ** 40n),
        'test.i64': gv.i64(-(2n ** 40n)),
        'test.arr_str': gv.arr('string', ['a', '▁b', '你好']),
        'test.arr_i32': gv.arr('int32', [1, -2, 3]),
        'test.arr_f32': gv.arr('float32', [0.5, -0.25]),
        'test.arr_bool': gv.arr('bool', [true, false]),
      },
      tensors: [
        { name: 'a', dims: [32, 2], type: 'f32', data: Float32Array.from({ length: 64 }, (_, i) => i) },
        { name: 'b', dims: [3], type: 'f16', data: Float32Array.from([1, -2, 0.5]) },
        { name: 'c', dims: [64], type: 'q8_0', data: Float32Array.from({ length: 64 }, (_, i) => i / 10) },
      ],
    };
    const bytes = await writeGgufFile(path, spec);
    expect((await stat(path)).size).toBe(bytes);
    const info = await readGgufFileInfo(path, { logWarnings: false });
    expect(info.version).toBe(3);
    const m = info.metadata;
    expect(get(m, 'test.u8')).toBe(250);
    expect(get(m, 'test.i8')).toBe(-100);
    expect(get(m, 'test.u16')).toBe(65000);
    expect(get(m, 'test.i16')).toBe(-30000);
    expect(get(m, 'test.u32')).toBe(4_000_000_000);
    expect(get(m, 'test.i32')).toBe(-2_000_000_000);
    expect(get(m, 'test.f32')).toBe(1.5);
    expect(get(m, 'test.f64')).toBe(Math.PI);
    expect(get(m, 'test.bool')).toBe(true);
    expect(get(m, 'test.str')).toBe('百模 baimo ▁');
    expect(BigInt(get(m, 'test.u64') as number)).toBe(2n ** 40n);
    expect(BigInt(get(m, 'test.i64') as number)).toBe(-(2n ** 40n));
    expect(get(m, 'test.arr_str')).toEqual(['a', '▁b', '你好']);
    expect(get(m, 'test.arr_i32')).toEqual([1, -2, 3]);
    expect(get(m, 'test.arr_f32')).toEqual([0.5, -0.25]);
    expect(get(m, 'test.arr_bool')).toEqual([true, false]);

    const tensors = info.tensorInfo!;
    expect(tensors.map((t) => [t.name, t.dimensions.map(Number), t.ggmlType])).toEqual([
      ['a', [32, 2], 0],
      ['b', [3], 1],
      ['c', [64], 8],
    ]);
    // Every tensor starts on the 64-byte alignment, and so does the data section.
    for (const t of tensors) expect(Number(t.offset) % 64).toBe(0);
    expect(tensors.map((t) => Number(t.offset))).toEqual([0, 256, 320]);
    expect(info.infoEndOffset! % 64).toBe(0);
    const file = await readFile(path);
    const a = Number(tensors[0].fileOffset);
    expect(file.readFloatLE(a + 4 * 63)).toBe(63);
    expect(file.length).toBe(info.infoEndOffset! + 320 + 2 * 34 + 60); // q8_0: 2 blocks of 34 bytes, padded
  });

  it('encodes F16 and Q8_0 like ggml', () => {
    expect([1, -2, 0.5, 65504, 1e-8, 0].map(toHalf)).toEqual([0x3c00, 0xc000, 0x3800, 0x7bff, 0, 0]);
    expect(toHalf(1 / 3)).toBe(0x3555);
    const q = encodeTensorData({ name: 'q', dims: [32], type: 'q8_0', data: Float32Array.from({ length: 32 }, (_, i) => i - 16) });
    expect(q.length).toBe(34);
    expect(q.readInt8(2)).toBe(-127); // -16 is the largest magnitude → -127
    expect(q.readInt8(2 + 16)).toBe(0);
    expect(() => encodeTensorData({ name: 'bad', dims: [16], type: 'q8_0', data: new Float32Array(16) })).toThrow(/divisible by 32/);
  });

  it('writes a successor model that node-llama-cpp recognises', async () => {
    const path = join(dir, 'successor.gguf');
    await writeSuccessorModel(path, { type: 'q8_0' });
    const info = await readGgufFileInfo(path, { logWarnings: false });
    expect(info.metadata.general.architecture).toBe('llama');
    expect(info.metadata.tokenizer.chat_template).toBe(CHATML_TEMPLATE);
    expect(info.architectureMetadata.embedding_length).toBe(64);
    expect(info.architectureMetadata.block_count).toBe(2);
    const vocab = info.metadata.tokenizer.ggml.tokens;
    expect(vocab.length).toBeGreaterThan(350);
    expect(vocab).toContain('<0x0A>');
    expect(vocab).toContain('你');
    expect(info.tensorInfo!.find((t) => t.name === 'output.weight')!.ggmlType).toBe(8);
    expect(buildSuccessorModel({ seed: 1 }).tensors).toHaveLength(2 + 2 * 9 + 1);
  });
});
