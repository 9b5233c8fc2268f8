import { describe, expect, it } from 'vitest';
import { ByteBoundedLru } from './store.ts';

const entry = (bytes: number, naam = '') => ({ bytes, naam });

describe('ByteBoundedLru', () => {
  it('stays within its bound, dropping the least recently used first', () => {
    const lru = new ByteBoundedLru<ReturnType<typeof entry>>(1_000);
    lru.set('a', entry(400, 'a'));
    lru.set('b', entry(400, 'b'));
    expect(lru.get('a')?.naam).toBe('a'); // a is now the most recent
    lru.set('c', entry(400, 'c'));
    expect(lru.counters.bytes).toBeLessThanOrEqual(1_000);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')?.naam).toBe('a');
    expect(lru.get('c')?.naam).toBe('c');
    expect(lru.counters.evictions).toBe(1);
    expect(lru.counters.entries).toBe(2);
  });

  it('refuses an entry larger than the whole bound and keeps what it had', () => {
    const lru = new ByteBoundedLru<ReturnType<typeof entry>>(100);
    lru.set('a', entry(10));
    expect(lru.set('groot', entry(500))).toBe(false);
    expect(lru.get('a')).toBeDefined();
  });

  it('counts bytes back when entries are replaced, dropped or cleared', () => {
    const lru = new ByteBoundedLru<ReturnType<typeof entry>>(10_000);
    lru.set('a', entry(100));
    lru.set('a', entry(200));
    lru.set('b', entry(50, 'weg'));
    expect(lru.counters.bytes).toBe(200 + 50 + 4);
    expect(lru.dropWhere((e) => e.naam === 'weg')).toBe(1);
    expect(lru.counters.bytes).toBe(202);
    lru.clear();
    expect(lru.counters).toMatchObject({ bytes: 0, entries: 0 });
  });
});
