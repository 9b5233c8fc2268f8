import { z } from 'zod';

export const ROLLEN = ['partner', 'trajectbegeleider', 'analist', 'beheerder'] as const;
export type Rol = (typeof ROLLEN)[number];

export const SECTOREN = ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'] as const;

/** Who asks: the public (no token), or an authenticated caller with the claims of CONTRACT.md. */
export type Gebruiker =
  | { readonly soort: 'publiek' }
  | {
      readonly soort: 'aangemeld';
      readonly sub: string;
      readonly rol: Rol;
      readonly sector?: (typeof SECTOREN)[number];
      readonly instellingsnummer?: string;
    };

export const PUBLIC_CALLER: Gebruiker = { soort: 'publiek' };

/** The claims a token must carry; a partner names its sector, a trajectbegeleider its school. */
export const ClaimsSchema = z
  .object({
    sub: z.string().min(1),
    rol: z.enum(ROLLEN),
    sector: z.enum(SECTOREN).optional(),
    instellingsnummer: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .refine((c) => c.rol !== 'partner' || c.sector !== undefined, {
    message: 'a partner token names its sector',
  })
  .refine((c) => c.rol !== 'trajectbegeleider' || c.instellingsnummer !== undefined, {
    message: 'a trajectbegeleider token names its instellingsnummer',
  });
