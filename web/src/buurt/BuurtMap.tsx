import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { Plaats } from '../graph/types-pages.ts';
import type { Provincie } from '../graph/types.ts';
import { ATTRIBUTION, loadGeo, type GeoData } from '../radar/RadarMap.tsx';
import { POSTCODE_ATTRIBUTION } from './postcode-attribution.ts';

/** One gemeente with what lies there. */
export interface BuurtPlek {
  readonly plaats: Plaats;
  readonly afstandKm: number;
  readonly aanbod: number;
  readonly leerwerkplekken: number;
  readonly vacatures: number;
}

interface Props {
  readonly vertrek: Plaats & { provincie: Provincie };
  readonly km: number;
  readonly plekken: readonly BuurtPlek[];
  readonly tileUrl: string | null;
}

/**
 * The gemeenten of the starting point's provincie, the circle of the distance,
 * and a marker on every gemeente where something lies (its size grows with the
 * count): distances are between gemeenten, so the gemeente is the precision.
 */
export function BuurtMap({ vertrek, km, plekken, tileUrl }: Props) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const m = L.map(container.current, { renderer: L.svg(), zoomSnap: 0.25, scrollWheelZoom: false });
    m.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    m.attributionControl.addAttribution(ATTRIBUTION);
    m.attributionControl.addAttribution(POSTCODE_ATTRIBUTION);
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(m);
    const centre = L.latLng(vertrek.ligging.lat, vertrek.ligging.lon);
    // The view first: Leaflet projects a layer when it is added, which needs a view.
    m.fitBounds(centre.toBounds(km * 2000), { padding: [8, 8] });
    L.circle(centre, {
      radius: km * 1000,
      color: '#0a4d8c',
      weight: 2,
      fill: false,
      interactive: false,
    }).addTo(m);
    let cancelled = false;
    void loadGeo(vertrek.provincie).then((geo) => {
      if (cancelled) return;
      const gemeenten: GeoData = {
        type: 'FeatureCollection',
        features: geo.features.filter((f) => f.properties.soort === 'gemeente'),
      };
      L.geoJSON(gemeenten, {
        style: () => ({ color: '#ffffff', weight: 0.7, fillColor: '#d9d9d9', fillOpacity: 1 }),
        interactive: false,
      })
        .addTo(m)
        .bringToBack();
    });
    for (const plek of plekken) {
      const total = plek.aanbod + plek.leerwerkplekken + plek.vacatures;
      L.circleMarker(L.latLng(plek.plaats.ligging.lat, plek.plaats.ligging.lon), {
        radius: 5 + Math.min(12, Math.sqrt(total) * 2),
        color: '#1a1a1a',
        weight: 1,
        fillColor: '#d95f02',
        fillOpacity: 0.85,
        className: 'plek',
      })
        .bindTooltip(
          `${plek.plaats.naam} (${plek.afstandKm.toLocaleString('nl-BE')} km): ${String(plek.aanbod)} aanbod, ${String(plek.leerwerkplekken)} leerwerkplekken, ${String(plek.vacatures)} duale vacatures`,
        )
        .addTo(m)
        .getElement()
        ?.setAttribute('data-nis', plek.plaats.nisCode);
    }
    L.circleMarker(centre, { radius: 7, color: '#ffffff', weight: 2, fillColor: '#0a4d8c', fillOpacity: 1 })
      .bindTooltip(`Vertrek: ${vertrek.naam}`)
      .addTo(m);
    container.current.setAttribute('data-geladen', vertrek.nisCode);
    return () => {
      cancelled = true;
      m.remove();
    };
  }, [vertrek, km, plekken, tileUrl]);
  return (
    <figure className="kaart">
      <div
        ref={container}
        className="kaart-vlak"
        role="region"
        aria-label={`Kaart: wat er binnen ${String(km)} km van ${vertrek.naam} ligt, per gemeente. Dezelfde plaatsen staan in de tabel hieronder.`}
      />
      <figcaption>
        <strong>
          Binnen {km} km van {vertrek.naam}
        </strong>
        <ul className="legende" aria-label="Legende">
          <li>
            <span className="staal" style={{ background: '#0a4d8c' }} aria-hidden="true" />
            vertrek en straal
          </li>
          <li>
            <span className="staal rond" style={{ background: '#d95f02' }} aria-hidden="true" />
            gemeente met aanbod, leerwerkplekken of duale vacatures (groter: meer)
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
