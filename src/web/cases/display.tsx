import type { ConsoleLang } from '../shell/console-context';
import { CASES_TEXTS } from './texts';

const FORMATS: Record<ConsoleLang, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }),
};

/** An instant as officers read it: Viet Nam time, dd/mm/yyyy hh:mm (pure). */
export function formatInstant(iso: string, lang: ConsoleLang): string {
  const parts = Object.fromEntries(FORMATS[lang].formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

/** `<time>` with the machine-readable instant. */
export function When(props: { iso: string | null; lang: ConsoleLang }) {
  if (!props.iso) return <>—</>;
  return <time dateTime={props.iso}>{formatInstant(props.iso, props.lang)}</time>;
}

export type DeadlineState = 'on_time' | 'at_risk' | 'breached' | 'none' | 'met' | 'cancelled' | 'paused';

const STATE_TEXT: Record<DeadlineState, { vi: string; en: string }> = {
  on_time: CASES_TEXTS.on_time,
  at_risk: CASES_TEXTS.at_risk,
  breached: CASES_TEXTS.breached,
  none: CASES_TEXTS.noDeadline,
  met: CASES_TEXTS.met,
  cancelled: CASES_TEXTS.cancelled,
  paused: CASES_TEXTS.paused,
};

/** A mark before the text, so the state reads without colour and in greyscale print too. */
const STATE_MARK: Record<DeadlineState, string> = {
  on_time: '✓',
  at_risk: '!',
  breached: '✕',
  none: '·',
  met: '✓',
  cancelled: '–',
  paused: '‖',
};

/** A clock state by colour AND text (and a mark): "on time", "at risk", "breached"... */
export function StateBadge(props: { state: string; lang: ConsoleLang }) {
  const state = (props.state in STATE_TEXT ? props.state : 'none') as DeadlineState;
  return (
    <span class={`state state-${state}`}>
      <span aria-hidden="true">{STATE_MARK[state]} </span>
      {STATE_TEXT[state][props.lang]}
    </span>
  );
}
