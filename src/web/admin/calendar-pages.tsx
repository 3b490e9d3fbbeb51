import type { CalendarException } from '../../calendar/working-calendar';
import type { ConsoleCtx } from '../shell/console-context';
import { Button, ErrorSummary, Field, PostForm, SelectField } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { DoneNotice, Table, shortTitle } from './admin-ui';
import { errorFor, FormProblem } from './form-input';
import { A } from './texts';

const CALENDAR = '/console/admin/calendar';
export const EXCEPTION_FIELDS = ['date', 'kind', 'note'] as const;

const kindText = (ctx: ConsoleCtx, kind: string) => tr(ctx, kind === 'day_off' ? A.dayOff : A.workingDay);

/** The calendar's exceptions (by date) and the form that adds one or changes a day's. */
export function CalendarPage({
  ctx,
  exceptions,
  done,
  values = {},
  problems = [],
}: {
  ctx: ConsoleCtx;
  exceptions: CalendarException[];
  done?: string;
  values?: Record<string, string>;
  problems?: FormProblem[];
}) {
  const rows = [...exceptions].sort((a, b) => (a.date < b.date ? 1 : -1));
  return (
    <Page ctx={ctx} title={tr(ctx, A.calendarTitle)} nav="admin">
      <DoneNotice ctx={ctx} done={done} />
      <p>{tr(ctx, A.calendarIntro)}</p>
      <ErrorSummary ctx={ctx} problems={problems} />
      <h2 id="add-exception">{tr(ctx, A.addException)}</h2>
      <PostForm ctx={ctx} action={CALENDAR}>
        <Field ctx={ctx} name="date" type="date" label={tr(ctx, A.date)} hint={tr(ctx, A.dateHint)} value={values.date} error={errorFor(problems, 'date')} required />
        <SelectField
          ctx={ctx}
          name="kind"
          label={tr(ctx, A.exceptionKind)}
          value={values.kind || 'day_off'}
          options={[
            { value: 'day_off', label: tr(ctx, A.dayOff) },
            { value: 'working_day', label: tr(ctx, A.workingDay) },
          ]}
          error={errorFor(problems, 'kind')}
          required
        />
        <Field ctx={ctx} name="note" label={tr(ctx, A.note)} value={values.note} error={errorFor(problems, 'note')} required />
        <Button>{tr(ctx, A.save)}</Button>
      </PostForm>
      <h2>{tr(ctx, A.calendarTitle)}</h2>
      {rows.length === 0 ? (
        <p>{tr(ctx, A.exceptionsNone)}</p>
      ) : (
        <Table label={tr(ctx, A.calendarTitle)} head={[tr(ctx, A.date), tr(ctx, A.exceptionKind), tr(ctx, A.note), tr(ctx, A.actions)]}>
          {rows.map((e) => (
            <tr>
              <td>{e.date}</td>
              <td>{kindText(ctx, e.kind)}</td>
              <td>{e.note}</td>
              <td>
                <a href={`${CALENDAR}/${e.date}/remove`}>
                  {tr(ctx, A.remove)}
                  <span class="visually-hidden"> {e.date}</span>
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Page>
  );
}

/** "Remove this day's exception?" */
export function ExceptionRemovePage({ ctx, exception }: { ctx: ConsoleCtx; exception: CalendarException }) {
  return (
    <Page ctx={ctx} title={shortTitle(`${tr(ctx, A.remove)}: ${exception.date}`)} nav="admin">
      <dl class="details">
        <dt>{tr(ctx, A.exceptionKind)}</dt>
        <dd>{kindText(ctx, exception.kind)}</dd>
        <dt>{tr(ctx, A.note)}</dt>
        <dd>{exception.note}</dd>
      </dl>
      <p>{tr(ctx, A.removeExceptionConfirm)}</p>
      <PostForm ctx={ctx} action={`${CALENDAR}/${exception.date}/remove`}>
        <Button kind="danger">{tr(ctx, A.remove)}</Button>
      </PostForm>
      <p>
        <a href={CALENDAR}>{tr(ctx, A.cancel)}</a>
      </p>
    </Page>
  );
}
