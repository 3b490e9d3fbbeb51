import type { ComponentChildren } from 'preact';
import type { Role } from '../../auth/auth.decorators';
import type { Localized } from '../../common/i18n';
import type { ConsoleCtx } from '../shell/console-context';
import { tr } from '../shell/texts';
import { A, DONE } from './texts';

/** The admin pages, who may open each (as the API allows: reading is wider than changing). */
export const ADMIN_PAGES: readonly { key: string; href: string; title: Localized; roles: readonly Role[] }[] = [
  { key: 'staff', href: '/console/admin/staff', title: A.staffTitle, roles: ['admin'] },
  { key: 'units', href: '/console/admin/units', title: A.unitsTitle, roles: ['admin', 'auditor'] },
  { key: 'routing', href: '/console/admin/routing', title: A.routingTitle, roles: ['admin', 'auditor'] },
  { key: 'explain', href: '/console/admin/routing/explain', title: A.explainTitle, roles: ['admin', 'auditor'] },
  { key: 'deadlines', href: '/console/admin/deadlines', title: A.deadlinesTitle, roles: ['admin', 'supervisor', 'auditor'] },
  { key: 'calendar', href: '/console/admin/calendar', title: A.calendarTitle, roles: ['admin'] },
  { key: 'channels', href: '/console/admin/channels', title: A.channelsTitle, roles: ['admin'] },
];

/** Roles that may open at least one admin page (the index). */
export const ADMIN_AREA_ROLES: Role[] = [...new Set(ADMIN_PAGES.flatMap((p) => p.roles))];

export const isAdmin = (ctx: ConsoleCtx): boolean => ctx.user.role === 'admin';

/**
 * A page title made from data (a username, a unit code, a rule): at most 58 characters, so that
 * with the shell's " — Tipline" it stays within html-validate's 70 (long-title).
 */
export function shortTitle(text: string): string {
  return text.length <= 58 ? text : `${text.slice(0, 57).trimEnd()}…`;
}

/** "from – to" of an effective period (both inclusive; an open end says so). */
export function periodText(ctx: ConsoleCtx, from: string, to: string | null): string {
  return `${from} – ${to ?? tr(ctx, A.open)}`;
}

/** A moment as Vietnam sees it: YYYY-MM-DD HH:mm (UTC+7, no daylight saving). */
export function vnTime(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The notice after a change (`?done=<key>`); an unknown key shows nothing. */
export function DoneNotice({ ctx, done }: { ctx: ConsoleCtx; done?: string }) {
  const text = done && Object.hasOwn(DONE, done) ? DONE[done] : undefined;
  if (!text) return null;
  return (
    <p class="notice" role="status">
      {tr(ctx, text)}
    </p>
  );
}

/** A table that scrolls sideways on a narrow screen; keyboard users can scroll it too. */
export function Table({ label, head, children }: { label: string; head: string[]; children: ComponentChildren }) {
  return (
    <section class="table-wrap" aria-label={label} tabindex={0}>
      <table>
        <caption>{label}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

/** A link to the next page of a keyset-paged list. */
export function Pager({ ctx, base, nextCursor, first }: { ctx: ConsoleCtx; base: string; nextCursor: string | null; first: boolean }) {
  if (!nextCursor && first) return null;
  const sep = base.includes('?') ? '&' : '?';
  return (
    <nav class="pager" aria-label={tr(ctx, A.nextPage)}>
      {!first ? <a href={base}>{tr(ctx, A.firstPage)}</a> : null}
      {nextCursor ? <a href={`${base}${sep}cursor=${encodeURIComponent(nextCursor)}`}>{tr(ctx, A.nextPage)}</a> : null}
    </nav>
  );
}

/** One-time secrets on a result page (a list of label → value, easy to select and copy). */
export function Secrets({ items }: { items: { label: string; value: string; id: string }[] }) {
  return (
    <dl class="secrets">
      {items.map((s) => (
        <>
          <dt>{s.label}</dt>
          <dd>
            <code id={s.id}>{s.value}</code>
          </dd>
        </>
      ))}
    </dl>
  );
}
