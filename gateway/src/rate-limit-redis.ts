import { createHash } from 'node:crypto';
import { createClient } from '@redis/client';
import {
  MemoryRateLimitStore,
  RATE_LIMIT_WINDOW_MS,
  verdict,
  type RateLimitStore,
  type RateLimitVerdict,
} from './rate-limit.ts';

/**
 * One step, atomic in Redis: count the request and start the window's clock
 * with the first one, so that a crash between the two can never leave a
 * counter that does not expire. Answers the count and the window's rest in ms.
 */
const TEL = `
local aantal = redis.call('INCR', KEYS[1])
local rest = redis.call('PTTL', KEYS[1])
if rest < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  rest = tonumber(ARGV[1])
end
return { aantal, rest }`;

const VOORVOEGSEL = 'duaal-graph:snelheid:';

/** The key of a client: hashed, so that Redis holds no token subject or address in the clear. */
export function redisKey(sleutel: string): string {
  return VOORVOEGSEL + createHash('sha256').update(sleutel).digest('hex').slice(0, 32);
}

/**
 * Counts in Redis, shared by every gateway instance that uses it. When Redis
 * cannot be reached, each instance counts in memory meanwhile: the limit then
 * holds per instance, and the gateway keeps answering rather than failing
 * every request on a counter. Waits at most `wachtMs` for the first connection.
 */
export async function redisRateLimitStore(
  url: string,
  perMinuut: number,
  log: (regel: string) => void = console.warn,
  wachtMs = 2_000,
): Promise<RateLimitStore> {
  const reserve = new MemoryRateLimitStore(perMinuut);
  const client = createClient({
    url,
    // A request must not wait for a counter: no queue while disconnected, and a short timeout.
    disableOfflineQueue: true,
    commandOptions: { timeout: 500 },
    socket: { connectTimeout: 2_000, reconnectStrategy: (poging) => Math.min(100 * 2 ** poging, 5_000) },
  });
  let bereikbaar: boolean | null = null;
  const meld = (nu: boolean) => {
    if (bereikbaar === nu) return;
    bereikbaar = nu;
    // Never the URL: it may hold a password.
    log(
      nu
        ? 'gateway: snelheidslimiet telt in Redis'
        : 'gateway: Redis niet bereikbaar, de snelheidslimiet telt voorlopig per instantie',
    );
  };
  client.on('ready', () => {
    meld(true);
  });
  client.on('error', () => {
    meld(false);
  });
  const verbonden = client.connect().then(
    () => undefined,
    () => undefined,
  );
  let uitstel: NodeJS.Timeout | undefined;
  await Promise.race([verbonden, new Promise((r) => (uitstel = setTimeout(r, wachtMs)))]);
  clearTimeout(uitstel);

  return {
    tel: async (sleutel: string): Promise<RateLimitVerdict> => {
      if (!client.isReady) return reserve.tel(sleutel);
      try {
        const [aantal, rest] = (await client.eval(TEL, {
          keys: [redisKey(sleutel)],
          arguments: [String(RATE_LIMIT_WINDOW_MS)],
        })) as [number, number];
        meld(true);
        return verdict(aantal, rest, perMinuut);
      } catch {
        meld(false);
        return reserve.tel(sleutel);
      }
    },
    stop: async () => {
      await reserve.stop();
      // A client still trying to connect has nothing to finish: end it at once.
      if (client.isReady) await client.close().catch(() => undefined);
      else if (client.isOpen) client.destroy();
    },
  };
}
