import type { Database } from '@duaal-graph/store';
import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * The facts of each onderneming that the register's lists need (`kbo_feit`,
 * read by ./weergave.ts), computed in the database from the rows of one
 * generation, so that no row crosses to JavaScript: for a whole generation at
 * the end of a full extract, and for the ondernemingen an update touched in
 * the update's transaction. The SQL gives what ./gegevens.ts gives from the
 * same rows in memory (kboNaam, the status, hoofdactiviteitVan, the postcodes
 * behind kboGemeenten); opslag.test.ts and feiten.test.ts compare the two.
 * Values are trimmed as `veld` trims them: the rows keep the CSV's text.
 */

/** What JavaScript's `trim()` strips that the register's CSV could hold. */
const SPATIE = sql.lit(' \t\n\r\f\v\u00a0\ufeff');
const veld = (naam: string) => sql`btrim(rij->>${sql.lit(naam)}, ${SPATIE})`;

/**
 * `entiteiten` null: every onderneming of the generation (plain scans, no
 * list to look up); else the ondernemingen whose facts are written and every
 * vestiging that names one, each table's rows of them found by index.
 */
function feitenSelect(generatie: number, entiteiten: readonly string[] | null): RawBuilder<unknown> {
  const g = sql.lit(generatie);
  const alleen = entiteiten === null ? sql`` : sql`AND entiteit = ANY(${[...entiteiten]}::text[])`;
  return sql`
    WITH
    -- An enterprise given twice: the later row counts, as in the register in memory.
    ond AS (
      SELECT DISTINCT ON (entiteit) entiteit, ${veld('Status')} AS status
      FROM kbo_rij WHERE generatie = ${g} AND tabel = 'enterprise'
        ${alleen}
      ORDER BY entiteit, id DESC
    ),
    -- The legal name in Dutch, else unknown, French, German, English; of equals the first written.
    naam AS (
      SELECT DISTINCT ON (entiteit) entiteit, ${veld('Denomination')} AS naam
      FROM kbo_rij WHERE generatie = ${g} AND tabel = 'denomination' ${alleen}
        AND ${veld('TypeOfDenomination')} = '001' AND ${veld('Denomination')} <> ''
      ORDER BY entiteit,
        CASE ${veld('Language')} WHEN '2' THEN 0 WHEN '0' THEN 1 WHEN '1' THEN 2 WHEN '3' THEN 3
          WHEN '4' THEN 4 ELSE 5 END,
        id
    ),
    -- MAIN in NACE-BEL 2025 where given, else 2008; of several the lowest code.
    hoofd AS (
      SELECT entiteit, COALESCE(
          min(code) FILTER (WHERE versie = '2025'),
          min(code) FILTER (WHERE versie = '2008')) AS nace
      FROM (
        SELECT entiteit, ${veld('NaceVersion')} AS versie,
          replace(${veld('NaceCode')}, '.', '') COLLATE "C" AS code
        FROM kbo_rij WHERE generatie = ${g} AND tabel = 'activity' ${alleen}
          AND ${veld('Classification')} = 'MAIN'
      ) a
      GROUP BY entiteit
    ),
    -- A vestiging given again belongs to the onderneming its last row names.
    vest AS (
      SELECT DISTINCT ON (entiteit) entiteit, onderneming
      FROM kbo_rij WHERE generatie = ${g} AND tabel = 'establishment' ${alleen}
      ORDER BY entiteit, id DESC
    ),
    -- The first valid address of each type; only a Belgian one has a postcode the graph places.
    adres AS (
      SELECT DISTINCT ON (entiteit, soort) entiteit, soort, land, postcode FROM (
        SELECT id, entiteit, ${veld('TypeOfAddress')} AS soort, ${veld('CountryNL')} AS land,
          ${veld('Zipcode')} AS postcode
        FROM kbo_rij WHERE generatie = ${g} AND tabel = 'address' ${alleen}
          AND ${veld('DateStrikingOff')} = ''
      ) a
      WHERE soort IN ('REGO', 'BAET')
      ORDER BY entiteit, soort, id
    ),
    vestigingen AS (
      SELECT v.onderneming, array_agg(a.postcode ORDER BY v.entiteit COLLATE "C") AS postcodes
      FROM vest v JOIN adres a ON a.entiteit = v.entiteit AND a.soort = 'BAET' AND a.land = ''
      GROUP BY v.onderneming
    )
    SELECT ${g}::bigint AS generatie, o.entiteit AS onderneming, n.naam, o.status, h.nace AS hoofd_nace,
      (CASE WHEN z.land = '' THEN ARRAY[z.postcode] ELSE '{}'::text[] END)
        || COALESCE(v.postcodes, '{}'::text[]) AS postcodes
    FROM ond o
    LEFT JOIN naam n ON n.entiteit = o.entiteit
    LEFT JOIN hoofd h ON h.entiteit = o.entiteit
    LEFT JOIN adres z ON z.entiteit = o.entiteit AND z.soort = 'REGO'
    LEFT JOIN vestigingen v ON v.onderneming = o.entiteit`;
}

/**
 * Writes the facts of the generation anew: of every onderneming (`null`), or
 * of these (an update's), whose rows of facts go first; an onderneming whose
 * enterprise row is gone keeps none. Run it in the transaction that writes
 * the rows' stand, so that the facts never lag behind the rows.
 */
export async function schrijfFeiten(
  db: Kysely<Database>,
  generatie: number,
  ondernemingen: readonly string[] | null,
): Promise<void> {
  if (ondernemingen?.length === 0) return;
  let entiteiten: string[] | null = null;
  if (ondernemingen !== null) {
    // Their vestigingen, by any row that names one: an onderneming's facts include its vestigingen's addresses.
    const vestigingen = await db
      .selectFrom('kbo_rij')
      .select('entiteit')
      .distinct()
      .where('generatie', '=', generatie)
      .where('tabel', '=', 'establishment')
      .where('onderneming', '=', sql<string>`ANY(${[...ondernemingen]}::text[])`)
      .execute();
    entiteiten = [...ondernemingen, ...vestigingen.map((v) => v.entiteit)];
  }
  await db
    .deleteFrom('kbo_feit')
    .where('generatie', '=', generatie)
    .$if(ondernemingen !== null, (q) =>
      q.where('onderneming', '=', sql<string>`ANY(${[...(ondernemingen ?? [])]}::text[])`),
    )
    .execute();
  await sql`
    INSERT INTO kbo_feit (generatie, onderneming, naam, status, hoofd_nace, postcodes)
    ${feitenSelect(generatie, entiteiten)}`.execute(db);
}
