import { declareSetting } from '@duaal-graph/domein/settings';
import { z } from 'zod';

/**
 * A real PostgreSQL server that every replica shares; unset, each service
 * keeps an embedded PGlite in its own data folder. Secret: it usually holds a
 * password, which no message may echo.
 */
export const DATABASE_URL_SETTING = declareSetting(
  'DATABASE_URL',
  z
    .string()
    .refine(
      (text) => /^postgres(ql)?:\/\//i.test(text) && URL.canParse(text),
      'must be a PostgreSQL URL (`postgres://user:password@host:5432/database`)',
    ),
  {
    secret: true,
    description:
      "the PostgreSQL server the replicas share their state in; unset, PGlite in the service's data folder",
  },
);
