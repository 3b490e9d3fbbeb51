import { nestingDepthExceeds } from './request-guards';

describe('nestingDepthExceeds', () => {
  const nest = (n: number) => {
    let v: unknown = 'x';
    for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
    return v;
  };

  it('measures objects and arrays alike, without recursion', () => {
    expect(nestingDepthExceeds({ a: 1, details: { b: [1, 2] } }, 3)).toBe(false);
    expect(nestingDepthExceeds(nest(4), 3)).toBe(true);
    expect(nestingDepthExceeds(nest(3), 3)).toBe(false);
    expect(nestingDepthExceeds(nest(200_000), 32)).toBe(true);
    expect(nestingDepthExceeds('text', 0)).toBe(false);
  });
});
