import { randomUUID } from 'node:crypto';
import { ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { CaseEventEntity } from './case-event.entity';
import { MESSAGE_MAX_LENGTH, textLength } from '../common/text-limits';


export function messageAad(messageId: string) {
  return { table: 'case_messages', column: 'body', rowId: messageId };
}
export function eventReasonAad(eventId: string) {
  return { table: 'case_events', column: 'reason', rowId: eventId };
}

export function validateMessageBody(body: unknown): string {
  if (typeof body !== 'string' || body.trim().length === 0) {
    throw new ValidationFailed([{ field: 'body', reason: 'required', message: 'The message is empty.' }]);
  }
  // Characters as people count them (code points), the same count the tipster's side applies.
  if (textLength(body.trim()) > MESSAGE_MAX_LENGTH) {
    throw new ValidationFailed([{ field: 'body', reason: 'maxLength', message: `The message is longer than ${MESSAGE_MAX_LENGTH} characters.` }]);
  }
  return body.trim();
}

/** A timeline event for `ctx`'s actor (tipsters have no id). */
export function caseEvent(ctx: RequestContext, caseId: string, type: string, metadata: Record<string, unknown> = {}, at = new Date()): CaseEventEntity {
  const e = new CaseEventEntity();
  e.id = randomUUID();
  e.caseId = caseId;
  e.type = type;
  e.actorType = ctx.actor.type;
  e.actorId = 'id' in ctx.actor && ctx.actor.id ? ctx.actor.id : null;
  e.at = at;
  e.metadata = metadata;
  e.reason = null;
  return e;
}

