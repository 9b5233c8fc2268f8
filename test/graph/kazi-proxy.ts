import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/**
 * A proxy between the matching subgraph and the mock Kazi that can lose an
 * answer: it passes the request on, lets Kazi handle it, and then drops the
 * connection instead of answering. That is the case exactly-once is about (the
 * write landed, the caller does not know), which the mock's own faults cannot
 * aim at one call: they hit every call to Kazi, the learner lookup before the
 * write included.
 */
export interface KaziProxy {
  readonly url: string;
  /** Where Kazi is; set once the mock runs. */
  doel: string;
  /** Loses the answer of the next `aantal` requests with this method whose path starts with `pad`. */
  verliesAntwoord(methode: string, pad: string, aantal?: number): void;
  /** How many requests with this method and path prefix went through, answered or not. */
  aantal(methode: string, pad: string): number;
  /**
   * The most requests with this method and path prefix that were under way at
   * once: how many rounds the calls took is their number over this.
   */
  piek(methode: string, pad: string): number;
  stop(): Promise<void>;
}

export async function startKaziProxy(): Promise<KaziProxy> {
  const regels: { methode: string; pad: string; over: number }[] = [];
  const gezien: { methode: string; pad: string; van: number; tot: number }[] = [];
  const proxy: KaziProxy = {
    url: '',
    doel: '',
    verliesAntwoord: (methode, pad, aantal = 1) => {
      regels.push({ methode, pad, over: aantal });
    },
    aantal: (methode, pad) => gezien.filter((g) => g.methode === methode && g.pad.startsWith(pad)).length,
    piek: (methode, pad) => {
      const gebeurtenissen = gezien
        .filter((g) => g.methode === methode && g.pad.startsWith(pad))
        .flatMap((g) => [
          { t: g.van, d: 1 },
          { t: g.tot, d: -1 },
        ])
        // An end before a start at the same moment: touching calls are not at once.
        .sort((a, b) => a.t - b.t || a.d - b.d);
      let bezig = 0;
      let hoogste = 0;
      for (const g of gebeurtenissen) {
        bezig += g.d;
        hoogste = Math.max(hoogste, bezig);
      }
      return hoogste;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
  const server = createServer((req, res) => {
    const delen: Buffer[] = [];
    req.on('data', (d: Buffer) => delen.push(d));
    req.on('end', () => {
      const methode = req.method ?? 'GET';
      const pad = req.url ?? '/';
      const gezienNu = { methode, pad, van: performance.now(), tot: Infinity };
      gezien.push(gezienNu);
      res.on('close', () => {
        gezienNu.tot = performance.now();
      });
      const regel = regels.find((r) => r.over > 0 && r.methode === methode && pad.startsWith(r.pad));
      if (regel) regel.over -= 1;
      const { host: _host, connection: _connection, ...headers } = req.headers;
      const body = Buffer.concat(delen);
      request(new URL(pad, proxy.doel), { method: methode, headers, body: body.length > 0 ? body : null })
        .then(async (antwoord) => {
          const inhoud = Buffer.from(await antwoord.body.arrayBuffer());
          if (regel) {
            // Kazi has handled it: the answer goes missing on the way back.
            req.socket.destroy();
            return;
          }
          res.writeHead(antwoord.statusCode, {
            'content-type': String(antwoord.headers['content-type'] ?? 'application/json'),
          });
          res.end(inhoud);
        })
        .catch(() => {
          res.destroy();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, { url: `http://127.0.0.1:${port}` });
}
