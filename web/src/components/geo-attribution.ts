/**
 * The attribution the geographic data ask for (../shared/domain/geo/README.md), as text:
 * for a page that shows distances between gemeenten without a map to carry it.
 */
export const GEO_ATTRIBUTION_TEXT = [
  'Gemeentegrenzen 2019–2024: © Statbel (Algemene Directie Statistiek – Statistics Belgium), statistische sectoren 01/01/2020; vereenvoudigd door Data & Analyse van de Vlaamse provincies (provincies.incijfers.be, github.com/provinciesincijfers/gebiedsniveaus).',
  'Koppeling postcode–gemeente: © Statbel (Algemene Directie Statistiek – Statistics Belgium), "Conversion Postal code_Refnis code", geldig vanaf 01/01/2019, bijgewerkt 04/09/2023.',
] as const;
