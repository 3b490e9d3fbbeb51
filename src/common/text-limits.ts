/**
 * The one definition of how long the free texts of tipline may be, in characters as people count
 * them (code points: an emoji or a combined Vietnamese letter typed as one counts once), for every
 * DTO, service and page that limits them. Checks use `textLength`, never `String.length` (UTF-16
 * units), so the API, the tipster's side and the form's `maxlength` agree.
 */

/** A message between officers and the tipster, either way (case messages, internal notes, tipster replies, SMS continuations). */
export const MESSAGE_MAX_LENGTH = 5000;

/** A tip's narrative (web form, tips API, hotline, Open311, SMS). */
export const NARRATIVE_MIN_LENGTH = 10;
export const NARRATIVE_MAX_LENGTH = 5000;

/** A tip's free description of the place. */
export const PLACE_MAX_LENGTH = 500;

/** Characters as people count them (code points). */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
