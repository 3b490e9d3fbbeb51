import { Injectable } from '@nestjs/common';
import { CasesRepository, OpenCaseRoute } from './cases.repository';

export type { OpenCaseRoute } from './cases.repository';

/**
 * What routing (src/routing) asks of cases: the open cases, page by page, for the drift report.
 * Routing never reads the cases tables itself. Unscoped on purpose: the report is an admin and
 * auditor view over every unit, and it returns routing facts (no tip content).
 */
@Injectable()
export class CaseRoutingService {
  constructor(private readonly repo: CasesRepository) {}

  openCasesPage(afterId: string | null, limit: number): Promise<OpenCaseRoute[]> {
    return this.repo.openCasesForRouting(afterId, limit);
  }
}
