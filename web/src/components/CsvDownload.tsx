import { useState } from 'react';
import { readToken } from '../session.ts';

/** The gateway's CSV exports (gateway/src/export), reached through the app's server. */
export type ExportName =
  | 'radar'
  | 'regioTotalen'
  | 'erkenningen'
  | 'inDeBuurt'
  | 'indicatoren'
  | 'ondernemingen'
  | 'kandidaatOpleidingen';

interface Props {
  readonly naam: ExportName;
  /** The export's URL parameters: the query's arguments and filter fields; empty ones are left out. */
  readonly parameters: Readonly<Record<string, string | number | null | undefined>>;
  readonly label?: string;
}

export function exportUrl(naam: ExportName, parameters: Props['parameters']): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters))
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  return `/export/${naam}.csv?${search.toString()}`;
}

/**
 * Downloads a table as the gateway's CSV export. The bearer token lives in the
 * page, not in a cookie, so a plain link could not carry it: the file is
 * fetched with it and handed to the browser as a download.
 */
export function CsvDownload({ naam, parameters, label = 'Download als CSV' }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const url = exportUrl(naam, parameters);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const token = readToken();
      const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { errors?: { message: string }[] } | null;
        setError(body?.errors?.map((e) => e.message).join(' ') ?? `HTTP ${String(response.status)}`);
        return;
      }
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `${naam}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => {
        URL.revokeObjectURL(link.href);
      }, 10_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="csv">
      <button type="button" data-export={url} disabled={busy} onClick={() => void download()}>
        {busy ? 'CSV wordt gemaakt…' : label}
      </button>
      {error && (
        <p role="alert" className="melding">
          De CSV kon niet gemaakt worden: {error}
        </p>
      )}
    </div>
  );
}
