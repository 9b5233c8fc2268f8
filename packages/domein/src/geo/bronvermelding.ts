/**
 * The attribution the geographic data ask for (../shared/domain/geo/README.md):
 * the representative points come from Statbel's statistical sectors as the
 * Flemish provinces simplified them, the postcode–gemeente link from Statbel.
 * bpost's place names are not copied, so no bpost attribution is owed.
 */
export const GEO_BRONVERMELDING = [
  'Gemeentegrenzen 2019–2024: © Statbel (Algemene Directie Statistiek – Statistics Belgium), statistische sectoren 01/01/2020; vereenvoudigd door Data & Analyse van de Vlaamse provincies (provincies.incijfers.be, github.com/provinciesincijfers/gebiedsniveaus).',
  'Koppeling postcode–gemeente: © Statbel (Algemene Directie Statistiek – Statistics Belgium), "Conversion Postal code_Refnis code", geldig vanaf 01/01/2019, bijgewerkt 04/09/2023.',
] as const;
