import { getGlobalDispatcher } from 'undici';
import type { RunningService } from '../listener.ts';
import type { Telemetry } from './scope.ts';
import { shutdownTracing } from './tracing.ts';

/** How long the partner connections get to close before they are cut. */
const CLOSE_CONNECTIONS_MS = 2_000;

/**
 * The end of a service's process on SIGTERM (a rolling update) and SIGINT
 * (Ctrl-C): drain (not ready, no new connections, requests in flight finish
 * within the grace), close what it holds open (`close`: a store, a rate-limit
 * client), close the partner connections (the global undici pool every partner
 * client uses), send the last spans, and exit 0. A repeated SIGTERM changes
 * nothing (an orchestrator's SIGKILL ends a drain that overruns); a second
 * Ctrl-C ends it at once.
 */
export function closeOnTerm(
  service: RunningService,
  graceS: number,
  telemetry: Telemetry,
  close: () => Promise<void> = () => Promise.resolve(),
): void {
  let bezig = false;
  const stop = (signaal: NodeJS.Signals) => {
    if (bezig) {
      if (signaal === 'SIGTERM') return;
      telemetry.logger.warn({ signaal }, 'tweede signaal: meteen gestopt');
      process.exit(1);
    }
    bezig = true;
    telemetry.logger.info({ signaal, graceS }, 'stoppen: niet meer gereed, lopende verzoeken lopen af');
    void (async () => {
      await service.drain(graceS * 1000);
      await close();
      const pool = getGlobalDispatcher();
      await Promise.race([pool.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_CONNECTIONS_MS))]);
      await pool.destroy().catch(() => undefined);
      await shutdownTracing().catch(() => undefined);
      telemetry.logger.info('gestopt');
      await new Promise<void>((resolve) => {
        telemetry.logger.flush(() => {
          resolve();
        });
      });
      process.exit(0);
    })().catch((fout: unknown) => {
      telemetry.logger.error({ err: fout }, 'stoppen mislukt');
      telemetry.logger.flush();
      process.exit(1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
