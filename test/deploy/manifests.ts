import { readdirSync, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** The folder of the Kubernetes files. */
export const DEPLOY = new URL('../../deploy/', import.meta.url);

/** One object of a manifest, with the file it came from. */
export interface Manifest {
  readonly file: string;
  readonly object: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly metadata: { readonly name: string; readonly namespace?: string };
    readonly [field: string]: unknown;
  };
}

/** Every object of every `deploy/*.yaml`, in file order; a YAML error fails with its file and place. */
export function readManifests(): Manifest[] {
  const files = readdirSync(DEPLOY)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(new URL(file, DEPLOY), 'utf8')).map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return { file, object: doc.toJS() as Manifest['object'] };
    }),
  );
}
