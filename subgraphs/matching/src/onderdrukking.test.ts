import { describe, expect, it } from 'vitest';
import { telling } from './onderdrukking.ts';

const TOON = (waarde: number) => ({ waarde, onderdrukt: false });
const ONDERDRUKT = { waarde: null, onderdrukt: true };

describe('the rule for learner counts', () => {
  it('suppresses 1 to 4 on its own', () => {
    expect([0, 1, 4, 5, 17].map((n) => telling(n))).toEqual([
      TOON(0),
      ONDERDRUKT,
      ONDERDRUKT,
      TOON(5),
      TOON(17),
    ]);
  });

  it('suppresses a count from which a school could subtract its own learners to find 1 to 4 others', () => {
    expect(telling(5, [1])).toEqual(ONDERDRUKT);
    expect(telling(9, [5, 4])).toEqual(ONDERDRUKT);
    expect(telling(8, [2, 2, 4])).toEqual(ONDERDRUKT);
  });

  it('shows a count when every school finds 0 or at least 5 others', () => {
    // One school with all of them learns nothing it did not know.
    expect(telling(6, [6])).toEqual(TOON(6));
    expect(telling(10, [5, 5])).toEqual(TOON(10));
    expect(telling(12, [1, 2, 3, 4, 2])).toEqual(TOON(12));
  });

  it('checks every school, not only the largest', () => {
    expect(telling(20, [20 - 5, 20 - 4])).toEqual(ONDERDRUKT);
    expect(telling(20, [1, 17])).toEqual(ONDERDRUKT);
  });
});
