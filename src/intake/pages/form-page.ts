import type { Challenge } from 'altcha-lib';
import { CATEGORIES, Category, DetailField, Lang } from '../../categories/category-catalogue';
import type { FieldProblem } from '../../common/errors/domain-error';
import { html, jsonForScript, raw, SafeHtml } from './html';
import { FORM_SCRIPT } from './form-script';
import { page } from './layout';
import { texts } from './texts';

export interface PlaceOption {
  code: string;
  name: string;
}

export interface FormPageInput {
  lang: Lang;
  nonce: string;
  /** Show step 1 even when both are chosen (the tipster wants to change them). */
  step1?: boolean;
  provinces: PlaceOption[];
  province: PlaceOption | null;
  category: Category | null;
  communes: PlaceOption[];
  values: Record<string, unknown>;
  problems: FieldProblem[];
  /** The no-JavaScript wait token; null when this client has been given too many. */
  waitToken: string | null;
  /** Notices above the form: a "too fast" wait, photos to re-attach. */
  notices?: string[];
  challenge: Challenge;
  limits: { maxPhotos: number; maxPhotoMb: number; waitSeconds: number; minAgeSeconds: number };
}

const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const str = s.toString();
  return str ? `/?${str}` : '/';
};

function errorFor(problems: FieldProblem[], field: string): SafeHtml {
  const mine = problems.filter((p) => p.field === field || p.field.startsWith(`${field}[`) || p.field.startsWith(`${field}.`));
  return html`${mine.map((p) => html`<p class="error" id="${`err-${field}`}">${p.message}</p>`)}`;
}
const described = (problems: FieldProblem[], field: string, hint?: string) => {
  const ids = [hint, problems.some((p) => p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`)) ? `err-${field}` : undefined].filter(Boolean);
  return ids.length ? raw(` aria-describedby="${ids.join(' ')}"`) : '';
};
const invalid = (problems: FieldProblem[], field: string) => (problems.some((p) => p.field === field) ? raw(' aria-invalid="true"') : '');

function valueOf(values: Record<string, unknown>, key: string): string {
  const v = values[key];
  return typeof v === 'string' ? v : '';
}

function detailValue(values: Record<string, unknown>, key: string): string[] {
  const d = (values.details && typeof values.details === 'object' ? values.details : {}) as Record<string, unknown>;
  const v = d[key];
  // Strings only (a JSON body may put objects here; String() of those can throw).
  return v === undefined ? [] : ([] as unknown[]).concat(v).filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map((x) => `${x}`);
}

function detailField(lang: Lang, f: DetailField, values: Record<string, unknown>, problems: FieldProblem[]): SafeHtml {
  const name = `details[${f.key}]`;
  const id = `d-${f.key}`;
  const chosen = detailValue(values, f.key);
  const err = errorFor(problems, `details.${f.key}`);
  if (f.kind === 'choice' || f.kind === 'multi') {
    const type = f.kind === 'choice' ? 'radio' : 'checkbox';
    return html`<fieldset><legend>${f.label[lang]}</legend>${err}${(f.options ?? []).map(
      (o, i) => html`<label class="choice"><input type="${type}" id="${`${id}-${i}`}" name="${name}" value="${o.value}"${chosen.includes(o.value) ? raw(' checked') : ''}><span>${o.label[lang]}</span></label>`,
    )}</fieldset>`;
  }
  if (f.kind === 'count') {
    return html`<label for="${id}">${f.label[lang]}</label>${err}<input type="number" inputmode="numeric" min="0" max="${f.max ?? 1000}" id="${id}" name="${name}" value="${chosen[0] ?? ''}">`;
  }
  return html`<label for="${id}">${f.label[lang]}</label>${err}<input type="text" id="${id}" name="${name}" maxlength="${f.maxLength ?? 200}" autocomplete="off" value="${chosen[0] ?? ''}">`;
}

function categoryChoices(lang: Lang, chosen: string | undefined, problems: FieldProblem[]): SafeHtml {
  const t = texts(lang);
  return html`<fieldset${described(problems, 'category')}><legend>${t.category} <span class="hint">${t.required}</span></legend>${errorFor(problems, 'category')}${CATEGORIES.map(
    (c) =>
      html`<label class="choice"><input type="radio" required id="${`cat-${c.code}`}" name="category" value="${c.code}"${chosen === c.code ? raw(' checked') : ''}><span>${c.name[lang]}<small>${c.explanation[lang]}</small></span></label>`,
  )}</fieldset>`;
}

/** The citizen form: step 1 (province and kind, a GET form) then step 2 (the tip itself). */
export function formPage(i: FormPageInput): string {
  const t = texts(i.lang);
  // Only the language in URLs: province and kind of tip stay out of the browser history.
  const switchHref = q({ lang: i.lang === 'vi' ? 'en' : undefined });
  const notices = (i.notices ?? []).length ? html`<div class="notice" role="status" id="notices">${(i.notices ?? []).map((n) => html`<p>${n}</p>`)}</div>` : '';
  const errorSummary = i.problems.length
    ? html`<div class="errors" role="alert" tabindex="-1" id="errors" autofocus><h2>${t.errorsTitle}</h2><ul>${i.problems.map((p) => html`<li><a href="${`#f-${p.field.split(/[.[]/)[0]}`}">${p.message}</a></li>`)}</ul></div>`
    : '';
  const guidance = html`<section class="notice" aria-labelledby="safety"><h2 id="safety">${t.safetyTitle}</h2><ul>${t.safety.map((s) => html`<li>${s}</li>`)}</ul></section>`;
  const statusLink = html`<p><a href="${i.lang === 'en' ? '/status?lang=en' : '/status'}">${t.checkStatus}</a></p>`;

  if (i.step1 || !i.province || !i.category) {
    const body = html`<h1>${t.title}</h1><p>${t.intro}</p>${guidance}${errorSummary}
<form method="post" action="${i.lang === 'en' ? '/?lang=en' : '/'}" id="step1">
<h2>${t.step1}</h2>
<input type="hidden" name="step" value="choose">
<input type="hidden" name="lang" value="${i.lang}">
<label for="f-province">${t.province} <span class="hint">${t.required}</span></label>
${errorFor(i.problems, 'province')}
<select id="f-province" name="province" required${described(i.problems, 'province')}>
<option value="">${t.chooseProvince}</option>
${i.provinces.map((p) => html`<option value="${p.code}"${i.province?.code === p.code ? raw(' selected') : ''}>${p.name}</option>`)}
</select>
<div id="f-category">${categoryChoices(i.lang, i.category?.code, i.problems)}</div>
<button type="submit">${t.continue}</button>
</form>${statusLink}`;
    return page({ lang: i.lang, title: t.title, nonce: i.nonce, switchHref, body });
  }

  const v = i.values;
  const body = html`<h1>${t.title}</h1>${guidance}${notices}${errorSummary}
<h2>${t.step2}</h2>
<dl class="summary"><dt>${t.chosenPlace}</dt><dd>${i.province.name}</dd><dt>${t.chosenCategory}</dt><dd>${i.category.name[i.lang]} — <small>${i.category.explanation[i.lang]}</small></dd></dl>
<form method="post" action="${i.lang === 'en' ? '/?lang=en' : '/'}" id="change"><input type="hidden" name="step" value="change"><input type="hidden" name="lang" value="${i.lang}"><input type="hidden" name="province" value="${i.province.code}"><input type="hidden" name="category" value="${i.category.code}"><button type="submit" class="link">${t.change}</button></form>
<form method="post" action="${i.lang === 'en' ? '/?lang=en' : '/'}" enctype="multipart/form-data" id="tip-form" data-min-age="${i.limits.minAgeSeconds}">
<input type="hidden" name="lang" value="${i.lang}">
<input type="hidden" name="category" value="${i.category.code}">
<input type="hidden" name="province" value="${i.province.code}">
<input type="hidden" name="proof" value="${i.waitToken ?? ''}">
<div id="province-switch" hidden><label for="f-province2">${t.province}</label><select id="f-province2">${i.provinces.map(
    (p) => html`<option value="${p.code}"${i.province?.code === p.code ? raw(' selected') : ''}>${p.name}</option>`,
  )}</select></div>
<label for="locality" id="f-locality">${t.commune} <span class="hint">${t.required}</span></label>
${errorFor(i.problems, 'locality')}
<select id="locality" name="locality" required${described(i.problems, 'locality')}${invalid(i.problems, 'locality')}>
<option value="">${t.chooseCommune}</option>
${i.communes.map((c) => html`<option value="${c.code}"${valueOf(v, 'locality') === c.code ? raw(' selected') : ''}>${c.name}</option>`)}
</select>
<label for="f-place">${t.place}</label><p class="hint" id="h-place">${t.placeHint}</p>${errorFor(i.problems, 'place')}
<input type="text" id="f-place" name="place" maxlength="500" autocomplete="off" value="${valueOf(v, 'place')}"${described(i.problems, 'place', 'h-place')}>
<label for="f-coordinates">${t.coordinates}</label><p class="hint" id="h-coordinates">${t.coordinatesHint}</p>${errorFor(i.problems, 'coordinates')}
<input type="text" id="f-coordinates" name="coordinates" inputmode="decimal" autocomplete="off" value="${valueOf(v, 'coordinates')}"${described(i.problems, 'coordinates', 'h-coordinates')}>
<label for="f-observedAt">${t.observedAt} <span class="hint">${t.required}</span></label><p class="hint" id="h-observedAt">${t.observedAtHint}</p>${errorFor(i.problems, 'observedAt')}
<input type="datetime-local" id="f-observedAt" name="observedAt" required value="${valueOf(v, 'observedAt')}"${described(i.problems, 'observedAt', 'h-observedAt')}${invalid(i.problems, 'observedAt')}>
<label for="f-narrative">${t.narrative} <span class="hint">${t.required}</span></label><p class="hint" id="h-narrative">${t.narrativeHint}</p>${errorFor(i.problems, 'narrative')}
<textarea id="f-narrative" name="narrative" required autocomplete="off" minlength="10" maxlength="5000"${described(i.problems, 'narrative', 'h-narrative')}${invalid(i.problems, 'narrative')}>${valueOf(v, 'narrative')}</textarea>
<h2 id="f-details">${t.details}</h2>
${i.category.fields.map((f) => detailField(i.lang, f, v, i.problems))}
<label for="f-photos">${t.photos}</label><p class="hint" id="h-photos">${t.photosHint(i.limits.maxPhotos, i.limits.maxPhotoMb)}</p>${errorFor(i.problems, 'photos')}
<input type="file" id="f-photos" name="photos" accept="image/jpeg,image/png,image/webp" multiple${described(i.problems, 'photos', 'h-photos')}>
<label class="choice"><input type="checkbox" id="f-localPoliceInvolved" name="localPoliceInvolved" value="true"${v.localPoliceInvolved ? raw(' checked') : ''}><span>${t.localPolice}<small>${t.localPoliceHint}</small></span></label>
${errorFor(i.problems, 'proof')}
<p class="hint">${i.waitToken ? t.noJs(i.limits.waitSeconds) : t.needsJs}</p>
<p id="pow-status" class="hint" role="status" aria-live="polite" data-working="${t.powWorking}" data-done="${t.powDone}"></p>
<button type="submit" id="f-proof">${t.submit}</button>
</form>${statusLink}`;
  const script = html`<script type="application/json" id="pow-challenge">${jsonForScript(i.challenge)}</script><script nonce="${i.nonce}">${raw(FORM_SCRIPT)}</script>`;
  return page({ lang: i.lang, title: t.title, nonce: i.nonce, switchHref, body, script });
}
