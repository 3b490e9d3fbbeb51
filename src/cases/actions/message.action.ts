import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { assertMayAct, claimHolder } from '../case-claim';
import { MESSAGE_MAX_LENGTH } from '../../common/text-limits';
import { validateMessageBody } from '../case-events';
import type { MessageVisibility } from '../case-message.entity';
import type { CasePatch } from '../cases.repository';
import { defineAction } from './case-action';

export class PostMessageDto {
  @ApiProperty({ example: 'Cảm ơn bạn. Bạn có nhớ thời gian người đó thường đến không?', maxLength: MESSAGE_MAX_LENGTH })
  // Its length is checked by validateMessageBody (characters as people count them), as on the tipster's side.
  @IsString()
  body!: string;

  @ApiProperty({ enum: ['tipster', 'internal'], example: 'tipster', description: '`tipster`: a message the tipster reads with the receipt; `internal`: a note for the unit only.' })
  @IsIn(['tipster', 'internal'])
  visibility!: MessageVisibility;
}

/**
 * A message to the tipster, or (visibility `internal`) a note: the two share one route
 * (`POST /cases/:id/messages`, the public contract). Activity, not a state change: no version,
 * the case row is locked instead; the writer's own claim is renewed, and writing to the tipster
 * clears "reply waiting".
 */
export const messageAction = defineAction({
  name: 'messages',
  roles: ['officer', 'unit_lead'],
  input: PostMessageDto,
  concurrency: 'row_lock',
  status: 201,
  summary: 'Write to the tipster (visibility tipster) or add an internal note (visibility internal).',
  plan(c, input, env) {
    const body = validateMessageBody(input.body);
    const claim = { claimedBy: c.claimedBy, claimedUntil: c.claimedUntil };
    assertMayAct(claim, env.actorId, env.now);
    const patch: CasePatch = {};
    if (claimHolder(claim, env.now) === env.actorId) patch.claimedUntil = new Date(env.now.getTime() + env.claimTtlMs);
    if (input.visibility === 'tipster' && c.replyWaiting) patch.replyWaiting = false;
    const toTipster = input.visibility === 'tipster';
    return {
      patch,
      event: { type: toTipster ? 'message_to_tipster' : 'internal_note', metadata: {} },
      audit: toTipster ? 'case.message_sent' : 'case.note_added',
      effects: [{ kind: 'post_message', body, visibility: input.visibility }],
    };
  },
});
