/**
 * In de buurt starts from a postcode: the map and its distances rest on Statbel's
 * postcode–gemeente link as well as on the gemeentegrenzen, and both ask to be
 * named (../shared/domain/geo/README.md, `GEO_BRONVERMELDING` in the domein package).
 */
export const POSTCODE_ATTRIBUTION =
  'Koppeling postcode–gemeente: © Statbel (Algemene Directie Statistiek – Statistics Belgium), "Conversion Postal code_Refnis code", geldig vanaf 01/01/2019, bijgewerkt 04/09/2023';
