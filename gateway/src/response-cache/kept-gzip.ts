import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';
import { HEAD } from './stored-json.ts';

/*
 * A kept answer's gzip form, compressed once, for every hit of every request.
 * A hit's body is `{"data":` + the kept JSON + a tail of its own per request
 * (`extensions.bronnen` as now, the trace id). One gzip member (RFC 1952) holds
 * one deflate stream (RFC 1951), a series of blocks the last of which is
 * marked final; a block may refer back only within 32 kB of what came before,
 * never needs to. So the deflate stream is made of two pieces:
 * - kept: `{"data":` and the JSON, deflated once by a fresh stream that ends
 *   with a sync flush (an empty stored block: byte-aligned, no final block);
 * - per request: the tail, deflated by another fresh stream ending with the
 *   final block (a few hundred bytes, microseconds).
 * Concatenated they are one valid deflate stream (what pigz does). The
 * trailer's CRC-32 runs on from the kept part's (`zlib.crc32(tail, crc)`), so
 * no checksum combining is needed, and its size is the sum modulo 2^32.
 * Brotli has no such seam in Node's API, and compressing 6.7 MB per hit is what
 * this avoids: a client that takes only br gets the identity.
 */

/** The gzip header: deflate, no name nor time, unknown OS (RFC 1952 2.3). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/**
 * zlib's default level (6): the first hit that takes gzip waits for it, and an
 * answer is compressed again whenever a source it used changes. On radar-like
 * JSON level 9 took 4 to 5 times its CPU for about 12 % fewer bytes.
 */
const NIVEAU = constants.Z_DEFAULT_COMPRESSION;

const deflateRawAsync = promisify(deflateRaw);

export interface KeptGzip {
  /** `{"data":` and the kept JSON as raw deflate blocks, none final, ending byte-aligned. */
  readonly deflated: Buffer;
  /** CRC-32 of those uncompressed bytes. */
  readonly crc: number;
  /** How many uncompressed bytes. */
  readonly length: number;
}

/** Compresses a kept answer's head and JSON once (on libuv's threads: the event loop serves meanwhile). */
export async function keepGzip(data: Buffer): Promise<KeptGzip> {
  const deflated = await deflateRawAsync(Buffer.concat([HEAD, data]), {
    level: NIVEAU,
    finishFlush: constants.Z_SYNC_FLUSH,
  });
  return { deflated, crc: crc32(data, crc32(HEAD)), length: HEAD.length + data.length };
}

/**
 * A hit's gzip body: the header, the kept deflate blocks (not copied), the
 * request's tail as the final block, and the trailer. Decodes to exactly
 * `hitBody(data, …)` (stored-json.ts) for the same tail.
 */
export function gzipHitBody(kept: KeptGzip, tail: Buffer): readonly Buffer[] {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(tail, kept.crc) >>> 0, 0);
  trailer.writeUInt32LE((kept.length + tail.length) % 2 ** 32, 4);
  return [GZIP_HEADER, kept.deflated, deflateRawSync(tail), trailer];
}
