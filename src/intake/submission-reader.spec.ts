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
});
