import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('enforces 12..128 characters', () => {
    expect(passwordProblem('short-pw-11')).toBe('too_short');
    expect(passwordProblem('x'.repeat(129))).toBe('too_long');
    expect(passwordProblem('plenty-long-enough-pw')).toBeNull();
    expect(passwordProblem('ö'.repeat(128))).toBeNull();
  });
  it('refuses passwords on the common-password list, whatever their case', () => {
    expect(passwordProblem('qwerty123456')).toBe('common');
    expect(passwordProblem('QWERTY123456')).toBe('common');
    expect(passwordProblem('1qaz2wsx3edc')).toBe('common');
  });
  it('refuses a password containing the username', () => {
    expect(passwordProblem('nguyenvan-secret-1', 'NguyenVan')).toBe('contains_username');
  });
});
