/**
 * Case actions as handlers.
 *
 * HOW TO ADD AN ACTION (e.g. extend / suspend / resume):
 *  1. Add `src/cases/actions/<name>.action.ts` with
 *     - its request DTO (a class extending VersionedDto, with class-validator decorators and an
 *       `@ApiProperty({ example })` on each field: it becomes the action's own request schema in
 *       /docs), and
 *     - `export const <name>Action = defineAction({ name, roles, input: TheDto, concurrency,
 *       summary, plan })`, where `plan(case, input, env)` is PURE: from the case row, the
 *       validated input and the clock it returns the patch, the timeline event, the audit action
 *       and the requirements/effects the executor must apply. Throw a DomainError for a refused
 *       move (use case-transitions.ts / case-claim.ts, the rule tables).
 *  2. Register it in `registry.ts` (one line). The route `POST /api/v1/cases/:id/<name>` appears
 *     with its roles, its OpenAPI body and its example; the executor runs it in one transaction
 *     (version check, update, effects, timeline event, audit event). No switch to extend.
 *  3. Add `test/staff/route-access.ts` entry for the new route and a plan spec beside the file.
 *  Needs the database (another feature's check or change)? Add a Requirement or Effect kind
 *  below and its branch in case-action.executor.ts; the plan only names it.
 */
import type { Type } from '@nestjs/common';
import type { Role } from '../../auth/auth.decorators';
import type { CaseEntity } from '../case.entity';
import type { CasePatch } from '../cases.repository';
import type { MessageVisibility } from '../case-message.entity';
import type { ClockAction } from '../../clocks/clocks.service';

/** Who acts and when (the plan gets no clock of its own). */
export interface ActionEnv {
  actorId: string;
  now: Date;
  /** How long a claim lasts after activity (CASE_CLAIM_TTL_MINUTES). */
  claimTtlMs: number;
}

/** Checks that need the database, done by the executor before the update (each may throw 400/404). */
export type Requirement =
  | { kind: 'assignable_staff'; staffId: string; unitId: string }
  | { kind: 'unit_in_force'; unitId: string }
  | { kind: 'original_case_in_scope'; caseId: string }
  | { kind: 'hotspot_in_scope'; hotspotId: string };

/** Changes beyond the case row, applied by the executor after the update in the same transaction. */
export type Effect =
  | { kind: 'dismantle_linked_hotspot'; hotspotId: string }
  | { kind: 'post_message'; body: string; visibility: MessageVisibility }
  /** Extend, suspend or resume one of the case's clocks (ClocksService checks the clock and its policy). */
  | { kind: 'clock'; clockId: string; action: ClockAction };

export interface ActionPlan {
  /** Columns of the case to change (a versioned action bumps the version even when empty). */
  patch: CasePatch;
  /** The timeline event; `reason` is stored encrypted under the case's key. */
  event: { type: string; metadata: Record<string, unknown>; reason?: string | null };
  /** The audit action code (e.g. `case.acknowledged`). */
  audit: string;
  requires?: Requirement[];
  effects?: Effect[];
}

/**
 * 'version': the update is guarded by the case's version (required in the request; stale is a
 *   409 `version_conflict` with the current version).
 * 'row_lock': the action bumps no version (a message or note: activity, not a state change);
 *   the case row is locked for the transaction instead.
 */
export type Concurrency = 'version' | 'row_lock';

export interface CaseActionDefinition<I extends object> {
  /** The route segment: POST /api/v1/cases/:id/<name>. */
  name: string;
  roles: readonly Role[];
  input: Type<I>;
  concurrency: Concurrency;
  /** One line for /docs. */
  summary: string;
  /** 200 for a change of the case, 201 when the action creates something (a message). */
  status?: 200 | 201;
  plan(c: Readonly<CaseEntity>, input: I, env: ActionEnv): ActionPlan;
}

/** A registered action with its input type erased behind a runtime check (no casts). */
export interface CaseAction {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly input: Type<object>;
  readonly concurrency: Concurrency;
  readonly summary: string;
  readonly status: 200 | 201;
  /** Binds a request body (already validated into the DTO by the global pipe) to the plan. */
  bind(body: unknown): { version: number | undefined; plan: (c: Readonly<CaseEntity>, env: ActionEnv) => ActionPlan };
}

/** Turns a definition into a registrable action. */
export function defineAction<I extends object & { version?: number }>(d: CaseActionDefinition<I>): CaseAction {
  return {
    name: d.name,
    roles: d.roles,
    input: d.input,
    concurrency: d.concurrency,
    summary: d.summary,
    status: d.status ?? 200,
    bind(body: unknown) {
      if (!(body instanceof d.input)) throw new TypeError(`${d.name}: the body was not validated into ${d.input.name}`);
      return { version: body.version, plan: (c, env) => d.plan(c, body, env) };
    },
  };
}
