import { readAccessConfig, signToken, type TokenClaims } from '@duaal-graph/subgraph-toolkit';

/** A development token, signed as the services started by the tests verify it. */
export async function token(
  claims: TokenClaims,
  opties: Parameters<typeof signToken>[2] = {},
): Promise<string> {
  return signToken(readAccessConfig({}), claims, opties);
}

/** The `Authorization` header of a caller with these claims. */
export async function alsRol(claims: TokenClaims): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await token(claims)}` };
}
