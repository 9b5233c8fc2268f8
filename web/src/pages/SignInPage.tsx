import { useState } from 'react';
import { callerOf, setToken, useToken } from '../session.ts';
import { useRuntimeConfig } from '../runtime-config.ts';

const ROLLEN = ['partner', 'trajectbegeleider', 'analist', 'beheerder'] as const;
const SECTOREN = ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'] as const;

/**
 * Aanmelden: a bearer token from the identity provider, pasted; in development
 * also a development token for a chosen role, from the app's server.
 */
export function SignInPage() {
  const config = useRuntimeConfig();
  const token = useToken();
  const caller = callerOf(token);
  const [rol, setRol] = useState<(typeof ROLLEN)[number]>('analist');
  const [sector, setSector] = useState<(typeof SECTOREN)[number]>('VOLTA');
  const [instellingsnummer, setInstellingsnummer] = useState('');
  const [pasted, setPasted] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const requestDevToken = async () => {
    setMessage(null);
    const response = await fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rol,
        ...(rol === 'partner' ? { sector } : {}),
        ...(rol === 'trajectbegeleider' ? { instellingsnummer: instellingsnummer.trim() } : {}),
      }),
    });
    const body = (await response.json()) as { token?: string; errors?: { message: string }[] };
    if (body.token) {
      setToken(body.token);
      setMessage(`Aangemeld als ${rol}.`);
    } else setMessage(body.errors?.map((e) => e.message).join(' ') ?? `HTTP ${response.status}`);
  };

  return (
    <>
      <h1>Aanmelden</h1>
      <p>
        {caller
          ? `U bent aangemeld als ${caller.rol}${caller.sector ? ` (${caller.sector})` : ''}${caller.instellingsnummer ? ` (school ${caller.instellingsnummer})` : ''}.`
          : 'U bent niet aangemeld: u ziet wat openbaar is.'}
      </p>
      {token && (
        <button
          type="button"
          onClick={() => {
            setToken(null);
            setMessage('Afgemeld.');
          }}
        >
          Afmelden
        </button>
      )}
      <form
        className="aanmelden"
        onSubmit={(e) => {
          e.preventDefault();
          if (pasted.trim()) {
            setToken(pasted.trim());
            setPasted('');
            setMessage('Het token wordt bij elke vraag meegestuurd; de graaf controleert het.');
          }
        }}
      >
        <h2>Met een token van uw identiteitsprovider</h2>
        <label>
          Token (JWT)
          <textarea
            value={pasted}
            rows={3}
            onChange={(e) => {
              setPasted(e.target.value);
            }}
          />
        </label>
        <button type="submit">Gebruik dit token</button>
      </form>
      {config?.ontwikkeltokens && (
        <form
          className="aanmelden"
          onSubmit={(e) => {
            e.preventDefault();
            void requestDevToken();
          }}
        >
          <h2>Ontwikkeltoken (alleen in ontwikkeling)</h2>
          <label>
            Rol
            <select
              value={rol}
              onChange={(e) => {
                setRol(e.target.value as (typeof ROLLEN)[number]);
              }}
            >
              {ROLLEN.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          {rol === 'partner' && (
            <label>
              Sector
              <select
                value={sector}
                onChange={(e) => {
                  setSector(e.target.value as (typeof SECTOREN)[number]);
                }}
              >
                {SECTOREN.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          )}
          {rol === 'trajectbegeleider' && (
            <label>
              Instellingsnummer van de school
              <input
                value={instellingsnummer}
                inputMode="numeric"
                pattern="\d{6}"
                required
                onChange={(e) => {
                  setInstellingsnummer(e.target.value);
                }}
              />
            </label>
          )}
          <button type="submit">Vraag een ontwikkeltoken</button>
        </form>
      )}
      {message && <p role="status">{message}</p>}
    </>
  );
}
