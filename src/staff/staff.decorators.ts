import { SetMetadata } from '@nestjs/common';

export const ALLOW_PASSWORD_CHANGE_SESSION = 'tipline:allow-password-change-session';

/**
 * Routes a first-login session (must change its password) may call: the password change itself,
 * logout and me. Every other route answers 403 `password_change_required` to such a session.
 */
export const AllowPasswordChangeSession = () => SetMetadata(ALLOW_PASSWORD_CHANGE_SESSION, true);

export const SESSION_COOKIE = '__Host-tipline_session';
export const CSRF_COOKIE = '__Host-tipline_csrf';
export const CSRF_HEADER = 'x-csrf-token';
