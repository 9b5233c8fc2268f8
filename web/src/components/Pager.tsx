import { useState } from 'react';

/**
 * The cursors of the pages seen so far, for a connection read page by page;
 * another `key` (the filter) starts again at the first page.
 */
export function usePages(key: string): {
  readonly after: string | null;
  readonly page: number;
  next: (endCursor: string) => void;
  previous: () => void;
} {
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({ key, cursors: [null] });
  const cursors = state.key === key ? state.cursors : [null];
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (endCursor) => {
      setState({ key, cursors: [...cursors, endCursor] });
    },
    previous: () => {
      setState({ key, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors });
    },
  };
}

interface Props {
  readonly label: string;
  readonly page: number;
  readonly total: number;
  readonly perPage: number;
  readonly hasNext: boolean;
  readonly onPrevious: () => void;
  readonly onNext: () => void;
}

export function Pager({ label, page, total, perPage, hasNext, onPrevious, onNext }: Props) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <nav className="pager" aria-label={`Pagina's van ${label}`}>
      <button type="button" disabled={page <= 1} onClick={onPrevious}>
        Vorige pagina
      </button>
      <span>
        Pagina {page} van {pages}
      </span>
      <button type="button" disabled={!hasNext} onClick={onNext}>
        Volgende pagina
      </button>
    </nav>
  );
}

/** The pager of a connection read with `usePages`: its pages, its total, the cursor of the next page. */
export function ConnectionPager(props: {
  readonly label: string;
  readonly pages: ReturnType<typeof usePages>;
  readonly connection: {
    readonly totalCount: number;
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
  };
  readonly perPage: number;
}) {
  const { pages, connection } = props;
  return (
    <Pager
      label={props.label}
      page={pages.page}
      total={connection.totalCount}
      perPage={props.perPage}
      hasNext={connection.pageInfo.hasNextPage}
      onPrevious={pages.previous}
      onNext={() => {
        if (connection.pageInfo.endCursor) pages.next(connection.pageInfo.endCursor);
      }}
    />
  );
}
