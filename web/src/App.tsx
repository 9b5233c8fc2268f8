import { useEffect, useRef, useSyncExternalStore } from 'react';
import { HernieuwingenPage } from './pages/HernieuwingenPage.tsx';
import { InDeBuurtPage } from './pages/InDeBuurtPage.tsx';
import { MaximaalDuaalPage } from './pages/MaximaalDuaalPage.tsx';
import { RadarPage } from './pages/RadarPage.tsx';
import { VerloopPage } from './pages/VerloopPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { useRuntimeConfig } from './runtime-config.ts';
import { callerOf, useToken } from './session.ts';

/** The pages of the app, in the order of the menu. */
const PAGES = [
  { path: '#/radar', label: 'Radar', render: () => <RadarPage /> },
  { path: '#/verloop', label: 'Verloop', render: () => <VerloopPage /> },
  { path: '#/in-de-buurt', label: 'In de buurt', render: () => <InDeBuurtPage /> },
  { path: '#/hernieuwingen', label: 'Hernieuwingen', render: () => <HernieuwingenPage /> },
  { path: '#/maximaal-duaal', label: 'Maximaal duaal', render: () => <MaximaalDuaalPage /> },
  { path: '#/aanmelden', label: 'Aanmelden', render: () => <SignInPage /> },
] as const;

function useHash(): string {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('hashchange', listener);
      return () => {
        window.removeEventListener('hashchange', listener);
      };
    },
    () => window.location.hash,
  );
}

export function App() {
  const hash = useHash();
  // A page's address may carry parameters after `?` (the Radar's past date).
  const path = hash.split('?')[0];
  const page = PAGES.find((p) => p.path === path) ?? PAGES[0];
  const config = useRuntimeConfig();
  const caller = callerOf(useToken());
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    document.title = `${page.label} – Radar Duaal`;
    // After a page change, keyboard and screen reader users continue at the new page's content.
    if (!first.current) main.current?.focus();
    first.current = false;
  }, [page]);
  return (
    <>
      <a
        className="skiplink"
        href="#inhoud"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        Naar de inhoud
      </a>
      <header className="kop">
        <span className="merk">Radar Duaal</span>
        <nav aria-label="Hoofdmenu">
          <ul>
            {PAGES.map((p) => (
              <li key={p.path}>
                <a href={p.path} aria-current={p === page ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
            {config?.graphiql && (
              <li>
                <a href="/graphiql">GraphiQL</a>
              </li>
            )}
          </ul>
        </nav>
        <span className="wie">{caller ? `Aangemeld: ${caller.rol}` : 'Publiek'}</span>
      </header>
      <main id="inhoud" ref={main} tabIndex={-1}>
        {page.render()}
      </main>
    </>
  );
}
