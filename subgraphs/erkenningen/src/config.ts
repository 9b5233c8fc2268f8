import { referentiedatum } from '@duaal-graph/domein';
import { getalUit, STANDAARD_PARTNERS, tekstUit } from '@duaal-graph/domein/subgraaf';

export interface ErkenningenConfig {
  readonly poort: number;
  readonly host: string;
  /**
   * The reference date, asked anew at every rebuild of the index: without
   * DUAAL_REFERENTIEDATUM it is today, and a service that runs past midnight
   * must judge validity on the new day.
   */
  readonly referentiedatum: () => string;
  readonly verversIntervalMs: number;
  readonly partnerTimeoutMs: number;
  readonly onderwijsUrl: string;
  readonly volta: { readonly url: string; readonly apiKey: string };
  readonly educam: { readonly url: string; readonly token: string };
  readonly constructiv: { readonly url: string; readonly gebruiker: string; readonly wachtwoord: string };
  readonly mtech: { readonly url: string; readonly apiKey: string };
  readonly woodwize: { readonly url: string };
}

export function leesConfig(omgeving: NodeJS.ProcessEnv = process.env): ErkenningenConfig {
  // Read once now, so that a bad value stops the service at start rather than at the first rebuild.
  referentiedatum(omgeving['DUAAL_REFERENTIEDATUM']);
  const url = (naam: string, prefix: string) => tekstUit(omgeving, naam, `${STANDAARD_PARTNERS}/${prefix}`);
  return {
    poort: getalUit(omgeving, 'ERKENNINGEN_PORT', 4001, 0, 65535),
    host: tekstUit(omgeving, 'SUBGRAPH_HOST', '127.0.0.1'),
    referentiedatum: () => referentiedatum(omgeving['DUAAL_REFERENTIEDATUM']),
    verversIntervalMs: getalUit(omgeving, 'SNAPSHOT_INTERVAL_S', 300, 1) * 1000,
    partnerTimeoutMs: getalUit(omgeving, 'PARTNER_TIMEOUT_MS', 10_000, 100),
    onderwijsUrl: url('ONDERWIJS_URL', 'onderwijs'),
    volta: { url: url('VOLTA_URL', 'volta'), apiKey: tekstUit(omgeving, 'VOLTA_API_KEY', 'volta-dev-key') },
    educam: {
      url: url('EDUCAM_URL', 'educam'),
      token: tekstUit(omgeving, 'EDUCAM_TOKEN', 'educam-dev-token'),
    },
    constructiv: {
      url: url('CONSTRUCTIV_URL', 'constructiv'),
      gebruiker: tekstUit(omgeving, 'CONSTRUCTIV_USER', 'duaal'),
      wachtwoord: tekstUit(omgeving, 'CONSTRUCTIV_PASSWORD', 'constructiv-dev'),
    },
    mtech: { url: url('MTECH_URL', 'mtech'), apiKey: tekstUit(omgeving, 'MTECH_API_KEY', 'mtech-dev-key') },
    woodwize: { url: url('WOODWIZE_URL', 'woodwize') },
  };
}
