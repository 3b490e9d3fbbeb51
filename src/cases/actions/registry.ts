import { acknowledgeAction } from './acknowledge.action';
import { assignAction } from './assign.action';
import { breakLockAction } from './break-lock.action';
import type { CaseAction } from './case-action';
import { claimAction } from './claim.action';
import { extendAction, resumeAction, suspendAction } from './clock-actions';
import { closeAction } from './close.action';
import { linkAction } from './link.action';
import { messageAction } from './message.action';
import { releaseAction } from './release.action';
import { reopenAction } from './reopen.action';
import { takeActionAction } from './take-action.action';
import { transferAction } from './transfer.action';
import { verifyAction } from './verify.action';

/**
 * Every case action; each becomes `POST /api/v1/cases/:id/<name>` (see case-action.ts for how to
 * add one). Deadlines add extend / suspend / resume here.
 */
export const CASE_ACTIONS: readonly CaseAction[] = [
  claimAction,
  releaseAction,
  breakLockAction,
  acknowledgeAction,
  verifyAction,
  takeActionAction,
  closeAction,
  reopenAction,
  transferAction,
  assignAction,
  linkAction,
  messageAction,
  extendAction,
  suspendAction,
  resumeAction,
];
