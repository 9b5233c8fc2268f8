import { describe, expect, it } from 'vitest';
import { hitBody, hitTail, storedData, stringifyResult } from './stored-json.ts';

const data = { onderneming: { naam: 'Bakkerij Één', erkenningen: [{ sector: 'VOLTA', geldigTot: null }] } };

describe('stringifyResult', () => {
  it("writes a served hit's kept JSON where its data goes, with the request's own errors and extensions", () => {
    const extensions = { bronnen: [{ bron: 'VOLTA', toestand: 'ACTUEEL' }], traceId: 'abc' };
    const errors = [{ message: 'Volta is traag', extensions: { code: 'PARTNER_UNAVAILABLE' } }];
    const hit = storedData(Buffer.from(JSON.stringify(data)));
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
    storedData(Buffer.from('{"anders":true}'));
    expect(stringifyResult({ data: {} })).toBe('{"data":{}}\n');
  });

  it("writes a hit in front of Apollo as the same bytes Apollo's path writes for it", () => {
    const extensions = { bronnen: [{ bron: 'VOLTA', toestand: 'ACTUEEL' }], traceId: 'abc' };
    const json = Buffer.from(JSON.stringify(data));
    const delen = hitBody(json, hitTail(JSON.stringify(extensions)));
    const geschreven = Buffer.concat(delen);
    expect(geschreven.equals(Buffer.from(stringifyResult({ data: storedData(json), extensions })))).toBe(
      true,
    );
    // The kept bytes themselves go out, not a copy.
    expect(delen.some((deel) => deel === json)).toBe(true);
  });
});
