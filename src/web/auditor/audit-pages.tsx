/**
 * The auditor's pages: the overview (run the verification, the checkpoints, a case's proof), the
 * verification's result and a case's proof. Hashes and ids are shown as they are (monospace).
 */
import type { ComponentChildren } from 'preact';
import type { CaseProof, CaseProofResult } from '../../audit/audit-case-proof';
import type { AuditEventFields } from '../../audit/audit-canonical';
import type { CheckpointRecord } from '../../audit/audit-verifier';
import type { VerifyReport } from '../../audit/audit-verify.service';
import type { ConsoleCtx } from '../shell/console-context';
import { Button, ErrorSummary, Field, FormProblem, PostForm, problemFor } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { vietnamTime } from '../supervisor/format';
import { AUDITOR_TEXTS as T, fill } from './texts';

/** Checkpoints listed on the overview; the download has them all. */
export const CHECKPOINTS_SHOWN = 20;

export interface CheckpointList {
  since: string;
  total: number;
  newest: CheckpointRecord[];
}

const Mono = (props: { children: string }) => <code class="hash">{props.children}</code>;

export function checkpointsHref(since: string): string {
  return `/console/audit/checkpoints.jsonl${since ? `?since=${encodeURIComponent(since)}` : ''}`;
}

export function AuditOverviewPage(props: { ctx: ConsoleCtx; checkpoints: CheckpointList; problems?: readonly FormProblem[]; caseInput?: string }) {
  const { ctx, checkpoints } = props;
  const n = checkpoints.newest.length;
  return (
    <Page ctx={ctx} title={tr(ctx, T.title)} nav="audit">
      <p>{tr(ctx, T.intro)}</p>
      <ErrorSummary ctx={ctx} problems={props.problems} />
      <section aria-labelledby="verify-title">
        <h2 id="verify-title">{tr(ctx, T.verifyTitle)}</h2>
        <p>{tr(ctx, T.verifyHint)}</p>
        <PostForm ctx={ctx} action="/console/audit/verify">
          <Button>{tr(ctx, T.verifyButton)}</Button>
        </PostForm>
      </section>
      <section aria-labelledby="checkpoints-title">
        <h2 id="checkpoints-title">{tr(ctx, T.checkpointsTitle)}</h2>
        <form method="get" action="/console/audit" class="inline-form">
          <Field ctx={ctx} name="since" type="date" label={tr(ctx, T.since)} hint={tr(ctx, T.sinceHint)} value={checkpoints.since} error={problemFor(props.problems, 'since')} />
          <Button kind="secondary">{tr(ctx, T.show)}</Button>
        </form>
        {n === 0 ? (
          <p>{tr(ctx, T.noCheckpoints)}</p>
        ) : (
          <>
            <p>{fill(tr(ctx, T.checkpointsCount), { n: checkpoints.total, since: checkpoints.since, m: n })}</p>
            <div class="table-wrap">
              <table id="checkpoint-table">
                <caption>{tr(ctx, T.checkpointsTitle)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr(ctx, T.id)}</th>
                    <th scope="col">{tr(ctx, T.seq)}</th>
                    <th scope="col">{tr(ctx, T.at)}</th>
                    <th scope="col">{tr(ctx, T.keyId)}</th>
                    <th scope="col">{tr(ctx, T.headHash)}</th>
                  </tr>
                </thead>
                <tbody>
                  {checkpoints.newest.map((c) => (
                    <tr>
                      <th scope="row">{c.id}</th>
                      <td class="num">{c.seq}</td>
                      <td>{vietnamTime(c.at)}</td>
                      <td>
                        <Mono>{c.keyId}</Mono>
                      </td>
                      <td>
                        <Mono>{c.headHash}</Mono>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        <p>
          <a href={checkpointsHref(checkpoints.since)} download>
            {tr(ctx, T.exportCheckpoints)}
          </a>
        </p>
        <p class="meta">{tr(ctx, T.exportHint)}</p>
      </section>
      <section aria-labelledby="proof-title">
        <h2 id="proof-title">{tr(ctx, T.proofTitle)}</h2>
        <form method="get" action="/console/audit/proof">
          <Field ctx={ctx} name="case" label={tr(ctx, T.caseField)} hint={tr(ctx, T.proofHint)} value={props.caseInput ?? ''} error={problemFor(props.problems, 'case')} required maxLength={64} />
          <Button>{tr(ctx, T.proofButton)}</Button>
        </form>
      </section>
    </Page>
  );
}

function Row(props: { label: string; children?: ComponentChildren; figure?: string }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd data-figure={props.figure}>{props.children}</dd>
    </>
  );
}

export function VerifyResultPage(props: { ctx: ConsoleCtx; report: VerifyReport }) {
  const { ctx, report } = props;
  return (
    <Page ctx={ctx} title={tr(ctx, T.resultTitle)} nav="audit">
      {report.ok ? (
        <p class="result ok" role="status" data-result="valid">
          <strong>{tr(ctx, T.valid)}</strong>
        </p>
      ) : (
        <p class="result failed" role="alert" data-result="failed">
          <strong>{tr(ctx, T.invalid)}</strong>
        </p>
      )}
      <dl class="facts">
        {report.ok ? (
          <>
            <Row label={tr(ctx, T.events)} figure="events">
              {report.events}
            </Row>
            <Row label={tr(ctx, T.checkpointsChecked)} figure="checkpoints">
              {String(report.checkpoints)}
            </Row>
            <Row label={tr(ctx, T.covered)} figure="covered">
              {report.covered}
            </Row>
            <Row label={tr(ctx, T.uncovered)} figure="uncovered">
              {report.uncovered.events === '0'
                ? tr(ctx, T.uncoveredNone)
                : fill(tr(ctx, T.uncoveredText), { n: report.uncovered.events, seq: report.uncovered.oldestSeq ?? '', at: vietnamTime(report.uncovered.oldestAt) })}
            </Row>
          </>
        ) : (
          <>
            <Row label={tr(ctx, T.kind)} figure="kind">
              {report.kind}
            </Row>
            <Row label={tr(ctx, T.firstBad)} figure="first-bad">
              {report.firstBad}
            </Row>
            <Row label={tr(ctx, T.lastGood)} figure="last-good">
              {report.lastGood}
            </Row>
            <Row label={tr(ctx, T.position)}>{report.position}</Row>
            {report.checkpointId ? <Row label={tr(ctx, T.checkpoint)}>{report.checkpointId}</Row> : null}
            <Row label={tr(ctx, T.covered)} figure="covered">
              {report.covered}
            </Row>
            <Row label={tr(ctx, T.reason)}>
              <span lang="en">{report.reason}</span>
            </Row>
          </>
        )}
        <Row label={tr(ctx, T.lastCheckpoint)}>{report.lastCheckpoint ? `${report.lastCheckpoint.id} (${tr(ctx, T.seq).toLowerCase()} ${report.lastCheckpoint.seq})` : tr(ctx, T.uncoveredNone)}</Row>
        <Row label={tr(ctx, T.witness)}>{report.witness.present ? tr(ctx, T.witnessPresent) : tr(ctx, T.witnessAbsent)}</Row>
      </dl>
      {report.ok && report.stale ? <p class="warning">{tr(ctx, T.stale)}</p> : null}
      {report.ok ? null : <p class="warning">{tr(ctx, T.failedAdvice)}</p>}
      <PostForm ctx={ctx} action="/console/audit/verify" class="inline">
        <Button kind="secondary">{tr(ctx, T.again)}</Button>
      </PostForm>
      <p>
        <a href="/console/audit">{tr(ctx, T.back)}</a>
      </p>
    </Page>
  );
}

/** Where each of the case's events stands: the checkpoint that covers it, or none yet. */
function proofEvents(proof: CaseProof): { event: AuditEventFields; checkpointId: string | null }[] {
  const out: { event: AuditEventFields; checkpointId: string | null }[] = [];
  for (const s of proof.segments) {
    for (const item of s.items) if ('event' in item) out.push({ event: item.event, checkpointId: s.checkpoint.id });
  }
  for (const e of proof.unanchored) out.push({ event: e, checkpointId: null });
  return out;
}

export function proofDownloadHref(caseId: string): string {
  return `/api/v1/audit/cases/${encodeURIComponent(caseId)}/proof`;
}

export function ProofPage(props: { ctx: ConsoleCtx; caseId: string; reference: string | null; proof: CaseProof; check: CaseProofResult }) {
  const { ctx, proof, check } = props;
  const events = proofEvents(proof);
  return (
    <Page ctx={ctx} title={tr(ctx, T.proofPageTitle)} nav="audit">
      <dl class="facts">
        <Row label={tr(ctx, T.proofCase)}>
          {props.reference ? `${props.reference} — ` : ''}
          <Mono>{props.caseId}</Mono>
        </Row>
      </dl>
      <h2>{tr(ctx, T.proofCheck)}</h2>
      {check.ok ? (
        <p class="result ok" role="status" data-result="proof-valid">
          {fill(tr(ctx, T.proofOk), { n: check.covered })}
          {check.unanchored > 0 ? ` ${fill(tr(ctx, T.proofUnanchored), { n: check.unanchored })}` : ''}
        </p>
      ) : (
        <p class="result failed" role="alert" data-result="proof-failed">
          {tr(ctx, T.proofBad)}: <span lang="en">{check.reason}</span>
        </p>
      )}
      <p class="meta">{tr(ctx, T.proofLimit)}</p>
      <h2>{tr(ctx, T.proofEvents)}</h2>
      {events.length === 0 ? (
        <p>{tr(ctx, T.noEvents)}</p>
      ) : (
        <div class="table-wrap">
          <table id="proof-table">
            <caption>{tr(ctx, T.proofEvents)}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(ctx, T.seq)}</th>
                <th scope="col">{tr(ctx, T.at)}</th>
                <th scope="col">{tr(ctx, T.action)}</th>
                <th scope="col">{tr(ctx, T.actor)}</th>
                <th scope="col">{tr(ctx, T.coveredBy)}</th>
              </tr>
            </thead>
            <tbody>
              {events.map(({ event, checkpointId }) => (
                <tr>
                  <th scope="row">{event.seq}</th>
                  <td>{vietnamTime(event.at)}</td>
                  <td>
                    <code>{event.action}</code>
                  </td>
                  <td>{event.actorType}</td>
                  <td>{checkpointId ?? tr(ctx, T.notCovered)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={proofDownloadHref(props.caseId)} download={`audit-proof-${props.caseId}.json`}>
          {tr(ctx, T.downloadProof)}
        </a>
      </p>
      <p class="meta">{tr(ctx, T.downloadProofHint)}</p>
      <p>
        <a href="/console/audit">{tr(ctx, T.back)}</a>
      </p>
    </Page>
  );
}
