import { dictionary } from '@zxcvbn-ts/language-common';

/** ASVS 5.0 (V6.2): at least 12 characters, at most 128 (argon2 input stays bounded). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The common-password list of @zxcvbn-ts/language-common (~49k entries from leaked-password
 * corpora, maintained with zxcvbn-ts). Compared case-insensitively.
 */
const COMMON = new Set<string>((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_username';

/** Why a candidate password is refused, or null when it is acceptable. Counts Unicode code points. */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  if (typeof password !== 'string') return 'too_short';
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'common';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'contains_username';
  return null;
}

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `The password must have at most ${PASSWORD_MAX_LENGTH} characters.`,
  common: 'This password is on a list of commonly used passwords; choose another.',
  contains_username: 'The password must not contain the username.',
};
