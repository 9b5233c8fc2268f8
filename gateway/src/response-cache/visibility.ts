import type { Gebruiker } from '@duaal-graph/subgraph-toolkit';

/**
 * What a caller may see, as one key: callers with the same key get the same
 * answer to the same question by the access rules (README, "Who may see what"):
 * the public; a partner of one sector; a trajectbegeleider of one school; an
 * analist; a beheerder. The `sub` is left out on purpose: no rule looks at it,
 * and keying on it would give every caller a cache of its own.
 */
export function visibilityKey(gebruiker: Gebruiker): string {
  if (gebruiker.soort === 'publiek') return 'publiek';
  switch (gebruiker.rol) {
    case 'partner':
      return `partner:${gebruiker.sector ?? '-'}`;
    case 'trajectbegeleider':
      return `trajectbegeleider:${gebruiker.instellingsnummer ?? '-'}`;
    case 'analist':
    case 'beheerder':
      return gebruiker.rol;
  }
}
