import type { GraphAnswer } from '../graph/client.ts';
import { missingData, otherErrors } from '../graph/sources.ts';
import { MissingDataNotice } from '../radar/MissingDataNotice.tsx';

/** Loading, a failed request, missing partners and other errors of one answer, said in words. */
export function AnswerNotices({
  wat,
  answer,
  failure,
  loading,
}: {
  readonly wat: string;
  readonly answer: GraphAnswer<unknown> | null;
  readonly failure: string | null;
  readonly loading: boolean;
}) {
  const errors = answer ? otherErrors(answer) : [];
  return (
    <>
      {loading && (
        <p role="status" className="laden">
          {wat} laden…
        </p>
      )}
      {failure && (
        <p role="alert" className="melding">
          {wat} kon niet geladen worden: {failure}
        </p>
      )}
      {answer && <MissingDataNotice missing={missingData(answer)} />}
      {errors.length > 0 && (
        <div role="alert" className="melding">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
    </>
  );
}
