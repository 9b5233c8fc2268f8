import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipHitBody, keepGzip } from './kept-gzip.ts';
import { hitBody, hitTail } from './stored-json.ts';

/** A kept answer as the radar's: many cells, names not all ASCII, large enough for many deflate blocks. */
const groot = Buffer.from(
  JSON.stringify({
    radar: Array.from({ length: 30_000 }, (_, i) => ({
      regioCode: `R${String(i % 37)}`,
      gemeente: { naam: i % 3 === 0 ? 'Sint-Éloois-Vijve' : `Gemeente ${String(i)}` },
      aantalPlaatsen: (i * 7919) % 1000,
    })),
  }),
);

const tails = [
  hitTail('{"bronnen":[{"bron":"VOLTA","toestand":"ACTUEEL"}],"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}'),
  hitTail('{"bronnen":[]}'),
  // A tail larger than a deflate window, with characters beyond ASCII: still one final block after the kept ones.
  hitTail(
    JSON.stringify({ bronnen: Array.from({ length: 2_000 }, (_, i) => ({ bron: `Één ${String(i)}` })) }),
  ),
];

describe('a hit gzip-compressed from the kept form', () => {
  it('decodes, checksum and size checked, to exactly the identity bytes of the same hit', async () => {
    for (const data of [groot, Buffer.from('{"erkenning":null}'), Buffer.from('{}')]) {
      const kept = await keepGzip(data);
      for (const tail of tails) {
        const gezipt = Buffer.concat(gzipHitBody(kept, tail));
        // gunzip verifies the trailer's CRC-32 and length and fails on a stream without its final block.
        expect(gunzipSync(gezipt).equals(Buffer.concat(hitBody(data, tail)))).toBe(true);
      }
    }
  });

  it('keeps the compressed form and frames it per request: the kept blocks themselves go out', async () => {
    const kept = await keepGzip(groot);
    const delen = gzipHitBody(kept, tails[0] ?? Buffer.alloc(0));
    expect(delen[1]).toBe(kept.deflated);
    // The radar's JSON compresses well: far fewer bytes on the wire than the identity.
    expect(kept.deflated.length).toBeLessThan(groot.length / 5);
  });
});
