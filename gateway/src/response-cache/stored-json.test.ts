import { describe, expect, it } from 'vitest';
import { storedData, stringifyResult } from './stored-json.ts';

const data = { onderneming: { naam: 'Bakkerij Één', erkenningen: [{ sector: 'VOLTA', geldigTot: null }] } };

describe('stringifyResult', () => {
  it("writes a served hit's kept JSON where its data goes, with the request's own errors and extensions", () => {
    const extensions = { bronnen: [{ bron: 'VOLTA', toestand: 'ACTUEEL' }], traceId: 'abc' };
    const errors = [{ message: 'Volta is traag', extensions: { code: 'PARTNER_UNAVAILABLE' } }];
    const hit = storedData(JSON.stringify(data));
    expect(JSON.parse(stringifyResult({ data: hit, extensions }))).toEqual({ data, extensions });
    expect(JSON.parse(stringifyResult({ errors, data: hit, extensions }))).toEqual({
      errors,
      data,
      extensions,
    });
    expect(stringifyResult({ data: hit })).toBe(`${JSON.stringify({ data })}\n`);
  });

  it('writes any other answer as Apollo does: its JSON and a newline', () => {
    const antwoord = { data, extensions: { traceId: 'x' } };
    expect(stringifyResult(antwoord)).toBe(`${JSON.stringify(antwoord)}\n`);
    // An object equal to a stand-in is not one: only the stand-in itself carries kept JSON.
    storedData('{"anders":true}');
    expect(stringifyResult({ data: {} })).toBe('{"data":{}}\n');
  });
});
