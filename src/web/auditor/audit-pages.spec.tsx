import { HtmlValidate } from 'html-validate';
import { render } from 'preact-render-to-string';
import type { VerifyReport } from '../../audit/audit-verify.service';
import type { ConsoleCtx } from '../shell/console-context';
import { AuditOverviewPage, checkpointsHref, ProofPage, VerifyResultPage } from './audit-pages';

const ctx: ConsoleCtx = { lang: 'en', user: { id: 'u', username: 'aud', role: 'auditor', unitId: 'unit', sessionId: 's' }, csrf: 'tok', path: '/console/audit' };
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off' } });
async function htmlErrors(html: string): Promise<string[]> {
  const report = await validator.validateString(`<!DOCTYPE html>${html}`);
  return report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`));
}
const checkpoint = { id: '3', seq: '40', headHash: 'ab'.repeat(32), at: '2026-12-02T03:00:00.000Z', keyId: 'key1', prevHash: 'cd'.repeat(32), publicKey: 'pk', signature: 'sig' };

describe('auditor pages', () => {
  it('the overview: the verification form with its CSRF token, the checkpoints, the proof form', async () => {
    const html = render(<AuditOverviewPage ctx={ctx} checkpoints={{ since: '2026-11-25', total: 1, newest: [checkpoint] }} />);
    expect(await htmlErrors(html)).toEqual([]);
    expect(html).toMatch(/<form method="post" action="\/console\/audit\/verify"><input type="hidden" name="_csrf" value="tok"\/>/);
    expect(html).toContain(`href="${checkpointsHref('2026-11-25')}"`);
    expect(html).toContain('<th scope="row">3</th>');
  });

  it('a failed verification names the first bad event, the last good one and the reason', async () => {
    const report: VerifyReport = {
      ok: false,
      kind: 'hash',
      position: '15',
      firstBad: '15',
      lastGood: '14',
      validUpTo: '14',
      reason: 'event 15 <hash> differs',
      lastCheckpoint: { id: '2', seq: '20' },
      covered: '10',
      witness: { source: '/w', present: true },
    };
    const html = render(<VerifyResultPage ctx={ctx} report={report} />);
    expect(await htmlErrors(html)).toEqual([]);
    expect(html).toContain('data-result="failed"');
    expect(html).toContain('<dd data-figure="first-bad">15</dd>');
    expect(html).toContain('<dd data-figure="last-good">14</dd>');
    expect(html).toContain('event 15 &lt;hash> differs');
  });

  it('a valid verification shows the covered events and the uncovered tail', async () => {
    const report: VerifyReport = {
      ok: true,
      events: '40',
      headHash: 'x',
      checkpoints: 3,
      lastCheckpoint: { id: '3', seq: '30' },
      covered: '30',
      uncovered: { events: '10', oldestSeq: '31', oldestAt: '2026-12-02T03:00:00.000Z' },
      witness: { source: '/w', present: true },
      stale: true,
    };
    const html = render(<VerifyResultPage ctx={ctx} report={report} />);
    expect(await htmlErrors(html)).toEqual([]);
    expect(html).toContain('data-result="valid"');
    expect(html).toContain('10 event(s), from seq 31 (2026-12-02 10:00)');
    expect(html).toContain('older than two checkpoint intervals');
  });

  it('a proof lists each event with the checkpoint covering it, or none yet', async () => {
    const event = { seq: '40', hashVersion: 1, at: '2026-12-02T03:00:00.000Z', actorType: 'staff' as const, actorId: 'x', action: 'case.opened', targetType: 'case', targetId: 'c', unitId: null, requestId: 'r', changeDigest: null };
    const html = render(
      <ProofPage
        ctx={ctx}
        caseId="c"
        reference="TL-ABCD-EFGH"
        proof={{ version: 1, targetType: 'case', targetId: 'c', segments: [{ checkpoint, startSeq: '40', startPrevHash: 'p', items: [{ event }] }], unanchored: [{ ...event, seq: '41', action: 'case.viewed', prevHash: 'a', hash: 'b', covered: false }], coverage: { covered: 1, uncovered: 1 } }}
        check={{ ok: true, complete: false, events: [event], checkpoints: [], covered: 1, unanchored: 1, message: '' }}
      />,
    );
    expect(await htmlErrors(html)).toEqual([]);
    expect(html).toContain('<th scope="row">40</th>');
    expect(html).toMatch(/case\.viewed<\/code><\/td><td>staff<\/td><td>not covered yet/);
    expect(html).toContain('href="/api/v1/audit/cases/c/proof"');
  });
});
