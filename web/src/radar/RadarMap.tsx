import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { Provincie } from '../graph/types.ts';
import type { LegendEntry } from './measures.ts';
import { ATTRIBUTION } from './attribution.ts';
import type { AreaPaint, Schaal } from './paint.ts';

export { ATTRIBUTION };

export interface GeoProperties {
  readonly soort: 'gemeente' | 'regio';
  readonly nisCode?: string;
  readonly naam?: string;
  readonly regioCode: string;
}
export type GeoData = GeoJSON.FeatureCollection<GeoJSON.Geometry, GeoProperties>;

const geoCache = new Map<Provincie, Promise<GeoData>>();
export function loadGeo(provincie: Provincie): Promise<GeoData> {
  let loading = geoCache.get(provincie);
  if (!loading) {
    loading = fetch(`/geo/${provincie}.json`).then((r) => {
      if (!r.ok) throw new Error(`kaart van ${provincie}: HTTP ${r.status}`);
      return r.json() as Promise<GeoData>;
    });
    geoCache.set(provincie, loading);
  }
  return loading;
}

export type RegionPaint = AreaPaint;

interface Props {
  readonly provincie: Provincie;
  /** Fill and tooltip per regioCode, or per gemeente per NIS code; null while there is nothing to show. */
  readonly paint: ReadonlyMap<string, RegionPaint> | null;
  /** Whether `paint` is keyed by regio or by gemeente; `onRegion` gets the same key. */
  readonly schaal?: Schaal;
  readonly title: string;
  readonly legend: readonly LegendEntry[];
  readonly tileUrl: string | null;
  readonly onRegion: (key: string) => void;
}

/**
 * The provincie's gemeenten, each filled with its regio's colour, and the regio
 * outlines on top; SVG (no WebGL, no tiles unless a tile URL is set), so that
 * every gemeente is an element a test and a screen reader can find.
 */
export function RadarMap({ provincie, paint, schaal = 'regio', title, legend, tileUrl, onRegion }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const gemeenten = useRef<L.GeoJSON | null>(null);
  const paintRef = useRef(paint);
  paintRef.current = paint;
  const schaalRef = useRef(schaal);
  schaalRef.current = schaal;
  const onRegionRef = useRef(onRegion);
  onRegionRef.current = onRegion;

  useEffect(() => {
    if (!container.current) return;
    const m = L.map(container.current, {
      renderer: L.svg(),
      zoomSnap: 0.25,
      attributionControl: true,
      scrollWheelZoom: false,
    });
    m.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    m.attributionControl.addAttribution(ATTRIBUTION);
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, [tileUrl]);

  useEffect(() => {
    let cancelled = false;
    void loadGeo(provincie).then((geo) => {
      const m = map.current;
      if (cancelled || !m) return;
      gemeenten.current?.remove();
      m.eachLayer((layer) => {
        if (layer instanceof L.GeoJSON) layer.remove();
      });
      const gemeenteLayer = L.geoJSON(featureCollection(geo, 'gemeente'), {
        style: () => ({
          color: '#ffffff',
          weight: 0.7,
          fillOpacity: 1,
          fillColor: '#ffffff',
          className: 'gemeente',
        }),
        onEachFeature: (feature: GeoJSON.Feature<GeoJSON.Geometry, GeoProperties>, layer) => {
          layer.on('click', () => {
            onRegionRef.current(keyOf(feature.properties, schaalRef.current));
          });
          layer.bindTooltip(() => tooltip(feature.properties, paintRef.current, schaalRef.current), {
            sticky: true,
          });
        },
      }).addTo(m);
      L.geoJSON(featureCollection(geo, 'regio'), {
        style: () => ({ color: '#1a1a1a', weight: 2, fill: false, className: 'regiogrens' }),
        interactive: false,
      }).addTo(m);
      gemeenten.current = gemeenteLayer;
      // Leaflet draws a layer's elements once the map has a view: only then can they carry attributes.
      m.fitBounds(gemeenteLayer.getBounds(), { padding: [8, 8] });
      for (const layer of gemeenteLayer.getLayers()) {
        const element = layer instanceof L.Path ? layer.getElement() : undefined;
        const props = featureOf(layer)?.properties;
        if (element && props) {
          element.setAttribute('data-nis', props.nisCode ?? '');
          element.setAttribute('data-regio', props.regioCode);
        }
      }
      applyPaint(gemeenteLayer, paintRef.current, schaalRef.current);
      container.current?.setAttribute('data-geladen', provincie);
    });
    return () => {
      cancelled = true;
    };
  }, [provincie, tileUrl]);

  useEffect(() => {
    if (gemeenten.current) applyPaint(gemeenten.current, paint, schaal);
  }, [paint, schaal]);

  return (
    <figure className="kaart">
      <div
        ref={container}
        className="kaart-vlak"
        role="region"
        aria-label={`Kaart: ${title}. Dezelfde cellen staan in de tabel hieronder.`}
      />
      <figcaption>
        <strong>{title}</strong>
        <ul className="legende" aria-label="Legende">
          {legend.map((entry) => (
            <li key={entry.label}>
              <span className="staal" style={{ background: entry.colour }} aria-hidden="true" />
              {entry.label}
            </li>
          ))}
          <li>
            <span className="staal" style={{ background: '#969696' }} aria-hidden="true" />
            onbekend of onderdrukt
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

/** The GeoJSON feature Leaflet keeps on each layer it made from one. */
function featureOf(layer: L.Layer): GeoJSON.Feature<GeoJSON.Geometry, GeoProperties> | undefined {
  return (layer as { feature?: GeoJSON.Feature<GeoJSON.Geometry, GeoProperties> }).feature;
}

function featureCollection(geo: GeoData, soort: GeoProperties['soort']): GeoData {
  return { type: 'FeatureCollection', features: geo.features.filter((f) => f.properties.soort === soort) };
}

/** The key a gemeente's shape is painted by: its regio's code, or per gemeente its own NIS code. */
function keyOf(props: GeoProperties, schaal: Schaal): string {
  return schaal === 'gemeente' ? (props.nisCode ?? '') : props.regioCode;
}

function tooltip(
  props: GeoProperties,
  paint: ReadonlyMap<string, RegionPaint> | null,
  schaal: Schaal,
): HTMLElement {
  const el = document.createElement('span');
  const region = paint?.get(keyOf(props, schaal));
  el.textContent = `${props.naam ?? ''} (${region?.regioNaam ?? props.regioCode}): ${region?.label ?? 'geen gegevens'}`;
  return el;
}

function applyPaint(layer: L.GeoJSON, paint: ReadonlyMap<string, RegionPaint> | null, schaal: Schaal): void {
  layer.eachLayer((l) => {
    if (!(l instanceof L.Path)) return;
    const props = featureOf(l)?.properties;
    const region = props ? paint?.get(keyOf(props, schaal)) : undefined;
    l.setStyle({ fillColor: region?.colour ?? '#969696' });
    l.getElement()?.setAttribute('data-waarde', region?.label ?? 'geen gegevens');
    l.getElement()?.setAttribute('data-kleur', region?.colour ?? '#969696');
  });
}
