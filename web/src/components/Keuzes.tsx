import type { Niveau, Provincie } from '../graph/types.ts';

export const PROVINCIE_NAMEN: Readonly<Record<Provincie, string>> = {
  WEST_VLAANDEREN: 'West-Vlaanderen',
  OOST_VLAANDEREN: 'Oost-Vlaanderen',
  ANTWERPEN: 'Antwerpen',
  VLAAMS_BRABANT: 'Vlaams-Brabant',
  LIMBURG: 'Limburg',
};

export const NIVEAU_NAMEN: Readonly<Record<Niveau, string>> = {
  SECUNDAIR: 'Secundair onderwijs',
  VOLWASSENENONDERWIJS: 'Volwassenenonderwijs',
  HOGER: 'Hoger onderwijs',
};

/** A labelled choice of the pages' forms; `alle` is the first option, the empty choice, where there is one. */
function Keuzelijst<T extends string>(props: {
  readonly label: string;
  readonly value: T;
  readonly onChange: (waarde: T) => void;
  readonly opties: readonly (readonly [T, string])[];
  readonly alle?: string;
}) {
  return (
    <label>
      {props.label}
      <select
        value={props.value}
        onChange={(e) => {
          // The options are the only values the select can take.
          props.onChange(e.target.value as T);
        }}
      >
        {props.alle !== undefined && <option value="">{props.alle}</option>}
        {props.opties.map(([waarde, naam]) => (
          <option key={waarde} value={waarde}>
            {naam}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ProvincieKeuze(props: {
  readonly provincies: readonly Provincie[];
  readonly value: Provincie;
  readonly onChange: (provincie: Provincie) => void;
}) {
  return (
    <Keuzelijst
      label="Provincie"
      value={props.value}
      onChange={props.onChange}
      opties={props.provincies.map((p) => [p, PROVINCIE_NAMEN[p]] as const)}
    />
  );
}

const NIVEAU_OPTIES = (Object.keys(NIVEAU_NAMEN) as Niveau[]).map((n) => [n, NIVEAU_NAMEN[n]] as const);

export function NiveauKeuze(props: {
  readonly value: Niveau | '';
  readonly onChange: (niveau: Niveau | '') => void;
}) {
  return (
    <Keuzelijst<Niveau | ''>
      label="Niveau"
      value={props.value}
      onChange={props.onChange}
      opties={NIVEAU_OPTIES}
      alle="Alle niveaus"
    />
  );
}

export function OpleidingKeuze(props: {
  readonly opleidingen: readonly { readonly code: string; readonly naam: string }[];
  readonly value: string;
  readonly onChange: (opleidingscode: string) => void;
}) {
  return (
    <Keuzelijst
      label="Opleiding"
      value={props.value}
      onChange={props.onChange}
      opties={props.opleidingen.map((o) => [o.code, o.naam] as const)}
      alle="Alle opleidingen"
    />
  );
}
