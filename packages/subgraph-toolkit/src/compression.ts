import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import { constants, createGzip } from 'node:zlib';

/** How an answer is compressed: from which size on, and whether at all (null: never). */
export interface CompressionOptions {
  /** Answers smaller than this (in bytes of their body) go out as they are: gzip's frame would outweigh the gain. */
  readonly minBytes: number;
}

/**
 * Whether the caller takes gzip by its `Accept-Encoding` (RFC 9110 12.5.3):
 * `gzip` (or its alias `x-gzip`) or `*` with a quality above 0, and gzip not
 * refused by name (`gzip;q=0`). Every browser sends `gzip, deflate, br[, zstd]`;
 * a client that sends nothing gets the identity, as it asked.
 */
export function acceptsGzip(header: string | readonly string[] | undefined): boolean {
  if (header === undefined) return false;
  let ster = false;
  for (const deel of (typeof header === 'string' ? header : header.join(',')).split(',')) {
    const [naam = '', ...parameters] = deel.split(';');
    const codering = naam.trim().toLowerCase();
    if (codering !== 'gzip' && codering !== 'x-gzip' && codering !== '*') continue;
    let q = 1;
    for (const parameter of parameters) {
      const [sleutel = '', waarde = ''] = parameter.split('=');
      if (sleutel.trim().toLowerCase() === 'q') q = Number(waarde.trim());
    }
    // A malformed quality is no consent.
    const aanvaard = Number.isFinite(q) && q > 0;
    if (codering === '*') ster = aanvaard;
    else return aanvaard;
  }
  return ster;
}

/** Adds a field name to the answer's `Vary` (CORS's `Origin` and Apollo's own stay). */
export function addVary(res: ServerResponse, naam: string): void {
  const eerder = res.getHeader('vary');
  if (eerder === undefined) res.setHeader('vary', naam);
  else if (
    !String(eerder)
      .toLowerCase()
      .split(/\s*,\s*/)
      .includes(naam.toLowerCase())
  )
    res.setHeader('vary', `${String(eerder)}, ${naam}`);
}

/**
 * Level 6 (zlib's default) for an answer compressed as it is sent: on a 6.7 MB
 * radar a few times faster than level 9 for a few percent more bytes, and it
 * runs on libuv's threads, not the event loop.
 */
const NIVEAU = constants.Z_DEFAULT_COMPRESSION;

/**
 * Writes `body` as the answer, gzip-compressed when the caller takes gzip and
 * the body is at least `minBytes`, else as it is. Compressed, the answer
 * streams out as zlib produces it (no `Content-Length`, chunked), so the
 * caller's first bytes do not wait for the whole body to be compressed.
 * Status and other headers are the caller's, set before.
 */
export async function sendCompressed(
  res: ServerResponse,
  body: string,
  accept: string | readonly string[] | undefined,
  opties: CompressionOptions,
): Promise<void> {
  addVary(res, 'Accept-Encoding');
  // Characters never outnumber UTF-8 bytes: a body below the bound in characters may still be above it in bytes, and is left as it is.
  if (body.length < opties.minBytes || !acceptsGzip(accept)) {
    res.end(body);
    return;
  }
  res.removeHeader('content-length');
  res.setHeader('content-encoding', 'gzip');
  const gzip = createGzip({ level: NIVEAU });
  gzip.end(body);
  try {
    await pipeline(gzip, res);
  } catch (fout) {
    // A caller that hung up mid-answer is no fault of the service's; anything else is.
    if (res.destroyed && !res.writableFinished) return;
    throw fout;
  }
}
