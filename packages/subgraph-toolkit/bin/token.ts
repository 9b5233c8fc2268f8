/**
 * Prints a development token signed with JWT_SECRET (the development secret when unset):
 *   npm run token -- --rol trajectbegeleider --instellingsnummer 030007
 *   npm run token -- --rol partner --sector VOLTA
 */
import { parseArgs } from 'node:util';
import { ClaimsSchema, readAccessConfig, ROLLEN, signToken } from '../src/index.ts';

const { values } = parseArgs({
  options: {
    rol: { type: 'string' },
    sector: { type: 'string' },
    instellingsnummer: { type: 'string' },
    sub: { type: 'string' },
    geldig: { type: 'string', default: String(8 * 3600) },
  },
});

const claims = ClaimsSchema.safeParse({
  sub: values.sub ?? `dev-${values.rol ?? ''}`,
  rol: values.rol,
  ...(values.sector ? { sector: values.sector.toUpperCase() } : {}),
  ...(values.instellingsnummer ? { instellingsnummer: values.instellingsnummer } : {}),
});
if (!claims.success) {
  console.error(`token: ${claims.error.issues.map((i) => i.message).join('; ')}`);
  console.error(
    `usage: npm run token -- --rol <${ROLLEN.join('|')}> [--sector VOLTA|EDUCAM|CONSTRUCTIV|MTECH|WOODWIZE] [--instellingsnummer 030007] [--sub u-12] [--geldig seconds]`,
  );
  process.exit(2);
}
const config = readAccessConfig();
if (!config.jwtSecret) {
  console.error(
    'token: JWKS_URL is set and JWT_SECRET is not: development tokens are signed with JWT_SECRET only',
  );
  process.exit(2);
}
console.log(await signToken(config, claims.data, { geldigS: Number(values.geldig) }));
