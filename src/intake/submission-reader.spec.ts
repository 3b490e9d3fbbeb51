import { foldFormFields } from './submission-reader';

describe('foldFormFields', () => {
  it('folds bracketed detail fields and repeated values into the JSON shape', () => {
    expect(
      foldFormFields([
        ['category', 'trafficking'],
        ['details[vehicles]', ['motorbike', 'car']],
        ['details[people]', '4'],
        ['details[frequency]', ''],
        ['details[timesOfDay]', 'night'],
        ['details[timesOfDay]', 'evening'],
        ['place', ''],
      ]),
    ).toEqual({ category: 'trafficking', details: { vehicles: ['motorbike', 'car'], people: '4', timesOfDay: ['night', 'evening'] } });
  });

  it('survives a bare details field and prototype names (a 400 later, never a 500 here)', () => {
    expect(foldFormFields([['details', 'x'], ['details[people]', '3']])).toEqual({ details: { people: '3' } });
    expect(foldFormFields([['details[people]', '3'], ['details', 'x']])).toEqual({ details: [{ people: '3' }, 'x'] });
    const odd = foldFormFields([['__proto__', ['a', 'b']], ['toString', 'x'], ['toString', 'y'], ['details[__proto__]', 'z']]);
    expect(Object.keys(odd).sort()).toEqual(['__proto__', 'details', 'toString']);
    expect(odd.toString).toEqual(['x', 'y']);
    expect(Object.getPrototypeOf(odd)).toBeNull();
  });
});
