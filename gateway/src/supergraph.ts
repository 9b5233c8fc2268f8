import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';

/**
 * Serves the supergraph from a file and follows it: when the file changes, the
 * gateway gets the new schema through `update`, which swaps it for the next
 * requests while requests under way finish on the old one. A file that does not
 * compose is refused and the running schema stays.
 */
export function supergraphFromFile(
  pad: string,
  log: (regel: string) => void = console.log,
): SupergraphSdlHook {
  return ({ update }) => {
    let huidig = readFileSync(pad, 'utf8');
    let uitgesteld: NodeJS.Timeout | undefined;
    const herlaad = () => {
      let nieuw: string;
      try {
        nieuw = readFileSync(pad, 'utf8');
      } catch {
        return; // mid-replacement: the rename or write that follows fires again
      }
      if (nieuw === huidig || nieuw.trim() === '') return;
      try {
        update(nieuw);
        huidig = nieuw;
        log(`gateway: supergraph reloaded from ${pad}`);
      } catch (fout) {
        log(
          `gateway: supergraph in ${pad} refused, keeping the running one: ${fout instanceof Error ? fout.message : String(fout)}`,
        );
      }
    };
    // Watch the folder, not the file: editors and `compose` replace the file, which ends a watch on it.
    const bewaker: FSWatcher = watch(dirname(pad), (_soort, naam) => {
      if (naam !== null && naam !== basename(pad)) return;
      clearTimeout(uitgesteld);
      uitgesteld = setTimeout(herlaad, 100);
    });
    bewaker.unref();
    return Promise.resolve({
      supergraphSdl: huidig,
      cleanup: () => {
        clearTimeout(uitgesteld);
        bewaker.close();
        return Promise.resolve();
      },
    });
  };
}
