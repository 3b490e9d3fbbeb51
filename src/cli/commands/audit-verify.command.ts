import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AuditVerifyService } from '../../audit/audit-verify.service';
import type { CheckpointRecord } from '../../audit/audit-verifier';
import { startProgress } from '../progress';

/** Checkpoints from an exported JSON-lines file, a page at a time. */
async function* checkpointsFromFile(file: string): AsyncGenerator<CheckpointRecord[]> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let page: CheckpointRecord[] = [];
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line) as CheckpointRecord & { type?: string };
    // a witness file can be given too: it also holds incident and acknowledgement lines
    if (entry.type !== undefined && entry.type !== 'checkpoint') continue;
    delete entry.type;
    page.push(entry);
    if (page.length >= 1000) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** Exit codes: 0 valid; 3 valid, but events older than two checkpoint intervals are not yet covered; 2 tampered. */
export const VERIFY_EXIT = { valid: 0, tampered: 2, uncoveredStale: 3 } as const;

@Command({
  name: 'audit:verify',
  description:
    'Recompute every audit link and check every signed checkpoint against the witness file. Exit 0: valid; 3: valid but an uncovered tail older than two checkpoint intervals; 2: tampered',
})
export class AuditVerifyCommand extends CommandRunner {
  constructor(private readonly verifier: AuditVerifyService) {
    super();
  }

  async run(_: string[], options: { checkpoints?: string; trust?: string[] }): Promise<void> {
    const total = await this.verifier.countEvents();
    const bar = startProgress('verifying audit trail', total);
    const r = await this.verifier
      .verify({
        checkpoints: options.checkpoints ? checkpointsFromFile(options.checkpoints) : undefined,
        checkpointsSource: options.checkpoints,
        trustedKeyIds: options.trust ? new Set(options.trust) : undefined,
        onEvents: (n) => bar.increment(n),
      })
      .finally(() => bar.stop());
    const out = (line: string) => process.stdout.write(`${line}\n`);
    if (r.ok) {
      const cp = r.lastCheckpoint ? `checkpoint ${r.lastCheckpoint.id} (event ${r.lastCheckpoint.seq})` : 'no checkpoint yet';
      out(`valid: ${r.events} events, ${r.checkpoints} checkpoint(s) verified, last ${cp}`);
      out(`covered: events 1–${r.covered} are under signed checkpoints held by the witness (${r.witness.source}${r.witness.present ? '' : ': NOT FOUND'})`);
      if (r.uncovered.events === '0') {
        out('uncovered: none');
      } else {
        const age = r.uncoveredAgeSeconds === null || r.uncoveredAgeSeconds === undefined ? '' : `, the oldest ${r.uncoveredAgeSeconds} s old`;
        out(`UNCOVERED: ${r.uncovered.events} event(s) from ${r.uncovered.oldestSeq} on${age} are not yet under a witnessed checkpoint: a rewrite, removal or forged append among them would not show`);
      }
      if (r.stale) {
        out('the uncovered tail is older than two checkpoint intervals: is the checkpoint job running? (exit code 3)');
        process.exitCode = VERIFY_EXIT.uncoveredStale;
      }
    } else {
      out(`TAMPERED at event ${r.position} (${r.kind}): ${r.reason}`);
      out(`first bad event: ${r.firstBad}; last good event: ${r.lastGood}; covered before the failure: ${r.covered}`);
      out(`checked against ${r.witness.source}${r.witness.present ? '' : ' (NOT FOUND)'}`);
      process.exitCode = VERIFY_EXIT.tampered;
    }
  }

  @Option({ flags: '--checkpoints <file>', description: 'verify against checkpoints exported earlier (JSON lines) instead of the witness file' })
  parseCheckpoints(value: string): string {
    return value;
  }

  @Option({ flags: '--trust <keyIds>', description: 'comma-separated key ids; checkpoints signed by other keys fail' })
  parseTrust(value: string): string[] {
    return value.split(',').map((s) => s.trim()).filter(Boolean);
  }
}
