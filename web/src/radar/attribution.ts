/** The gemeentegrenzen's attribution (../shared/domain/geo/README.md), as HTML for Leaflet's control. */
export const ATTRIBUTION =
  'Gemeentegrenzen 2019–2024: © Statbel (Algemene Directie Statistiek – Statistics Belgium), statistische sectoren 01/01/2020; vereenvoudigd door Data &amp; Analyse van de Vlaamse provincies (<a href="https://provincies.incijfers.be">provincies.incijfers.be</a>, <a href="https://github.com/provinciesincijfers/gebiedsniveaus">github.com/provinciesincijfers/gebiedsniveaus</a>)';
