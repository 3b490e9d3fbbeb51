import { Command, CommandRunner, Option } from 'nest-commander';
import { RoutingService } from './routing.service';

@Command({ name: 'routing:drift', description: "List open cases whose route would differ under today's units, coverage and rules (moves nothing)" })
export class RoutingDriftCommand extends CommandRunner {
  constructor(private readonly routing: RoutingService) {
    super();
  }

  async run(_: string[], options: { json?: boolean }): Promise<void> {
    let n = 0;
    for await (const row of this.routing.drift()) {
      n++;
      if (options.json) process.stdout.write(`${JSON.stringify(row)}\n`);
      else
        process.stdout.write(
          `${row.reference}\t${row.category}\t${row.localityCode ?? '-'}\t${row.currentUnit.code} -> ${row.proposedUnit?.code ?? '(none)'}\t${row.reason.rule?.scope ?? ''} ${row.reason.place.status}\n`,
        );
    }
    process.stderr.write(`${n} open case(s) would route elsewhere today\n`);
  }

  @Option({ flags: '--json', description: 'one JSON object per line, with the full reason' })
  parseJson(): boolean {
    return true;
  }
}
