import type { ConsoleCtx } from '../shell/console-context';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { ADMIN_PAGES } from './admin-ui';
import { A } from './texts';

/** The admin pages this user may open (an auditor or supervisor sees the read-only ones). */
export function AdminIndexPage({ ctx }: { ctx: ConsoleCtx }) {
  const pages = ADMIN_PAGES.filter((p) => p.roles.includes(ctx.user.role));
  return (
    <Page ctx={ctx} title={tr(ctx, A.adminTitle)} nav="admin">
      <p>{tr(ctx, A.adminIntro)}</p>
      <ul class="admin-index">
        {pages.map((p) => (
          <li>
            <a href={p.href}>{tr(ctx, p.title)}</a>
          </li>
        ))}
      </ul>
    </Page>
  );
}
