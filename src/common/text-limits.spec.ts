import { MESSAGE_MAX_LENGTH, textLength } from './text-limits';

describe('textLength', () => {
  it('counts characters as people do: an emoji or an astral character once, not as two UTF-16 units', () => {
    expect(textLength('Bắc Giang')).toBe(9);
    expect(textLength('😀😀')).toBe(2);
    expect('😀😀'.length).toBe(4);
  });

  it('lets a message of MESSAGE_MAX_LENGTH emoji through the same count the API and the tipster side use', () => {
    expect(textLength('😀'.repeat(MESSAGE_MAX_LENGTH))).toBe(MESSAGE_MAX_LENGTH);
    expect(textLength('😀'.repeat(MESSAGE_MAX_LENGTH + 1))).toBeGreaterThan(MESSAGE_MAX_LENGTH);
  });
});
