import { getGlobalDispatcher } from 'undici';
import type { RunningService } from '../listener.ts';
import type { Telemetry } from './scope.ts';
import { shutdownTracing } from './tracing.ts';

/** How long the partner connections get to close before they are cut. */
const CLOSE_CONNECTIONS_MS = 2_000;
/** Of the grace, what is kept for closing after the drain: the store, the leases, the connections, the spans. */
const CLOSE_RESERVE_MS = 3_000;

/** The part of the grace that requests in flight get: all of it but the reserve for closing (a quarter at most). */
export function drainBudgetMs(graceS: number): number {
  const graceMs = graceS * 1000;
  return graceMs - Math.min(CLOSE_RESERVE_MS, graceMs / 4);
}

export interface TermHandling {
  /** The service listens and its first reads are in: a SIGTERM from now on drains it. */
  serve(service: RunningService, close?: () => Promise<void>): void;
  /** Whether a SIGTERM (or SIGINT) came: a start still under way gives up quietly. */
  readonly stopping: boolean;
}

/**
 * The end of a service's process on SIGTERM (a rolling update) and SIGINT
 * (Ctrl-C), installed before the service starts so that a signal at any moment
 * of its life ends it with 0 within SHUTDOWN_GRACE_S (Kubernetes SIGKILLs what
 * outlives its grace period). Before the service serves, `beforeServing` stops
 * what its start began (a first read under way). Once it serves: drain (not
 * ready, no new connections, requests in flight finish within the grace less a
 * reserve), close what it holds open (`close`: a store, a rate-limit client).
 * Then close the partner connections (the global undici pool every partner
 * client uses), send the last spans, and exit 0. A close that hangs (a VDAB
 * sync waiting out 429s, say) is cut when the grace is up: the process still
 * exits 0, saying so. A repeated SIGTERM changes nothing; a second Ctrl-C ends
 * it at once.
 */
export function onTerm(
  graceS: number,
  telemetry: Telemetry,
  beforeServing: () => Promise<void> = () => Promise.resolve(),
): TermHandling {
  let bezig = false;
  let dienst: { service: RunningService; close: () => Promise<void> } | undefined;
  const { logger } = telemetry;
  const einde = (code: number) => {
    logger.flush(() => process.exit(code));
  };
  const stop = (signaal: NodeJS.Signals) => {
    if (bezig) {
      if (signaal === 'SIGTERM') return;
      logger.warn({ signaal }, 'tweede signaal: meteen gestopt');
      process.exit(1);
    }
    bezig = true;
    const graceMs = graceS * 1000;
    logger.info(
      { signaal, graceS, gereed: dienst !== undefined },
      'stoppen: niet meer gereed, lopende verzoeken lopen af',
    );
    // Whatever still hangs when the grace is up (the SIGKILL would come next) is cut.
    setTimeout(() => {
      logger.warn({ graceS }, 'niet alles gesloten binnen de grace: toch gestopt');
      einde(0);
    }, graceMs);
    void (async () => {
      if (dienst) {
        await dienst.service.drain(drainBudgetMs(graceS));
        await dienst.close();
      } else await beforeServing();
      const pool = getGlobalDispatcher();
      await Promise.race([pool.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_CONNECTIONS_MS))]);
      await pool.destroy().catch(() => undefined);
      await shutdownTracing().catch(() => undefined);
      logger.info('gestopt');
      einde(0);
    })().catch((fout: unknown) => {
      logger.error({ err: fout }, 'stoppen mislukt');
      einde(1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return {
    serve: (service, close = () => Promise.resolve()) => {
      // A start that ends after the signal serves nothing: the stop under way ends the process.
      if (!bezig) dienst = { service, close };
    },
    get stopping() {
      return bezig;
    },
  };
}

/** `onTerm` for a service that already serves (the gateway, whose start reads nothing). */
export function closeOnTerm(
  service: RunningService,
  graceS: number,
  telemetry: Telemetry,
  close: () => Promise<void> = () => Promise.resolve(),
): void {
  onTerm(graceS, telemetry).serve(service, close);
}
