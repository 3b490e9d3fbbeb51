import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { ValidationFailed } from '../../common/errors/domain-error';
import { assertMayAct, takeClaim } from '../case-claim';
import type { CasePatch } from '../cases.repository';
import { defineAction, Requirement } from './case-action';
import { VersionedDto } from './versioned.dto';

export class LinkCaseDto extends VersionedDto {
  @ApiPropertyOptional({ description: 'The original case (of your scope) this one duplicates; null unlinks.', example: '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a', format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  duplicateOf?: string | null;

  @ApiPropertyOptional({ description: 'A hotspot of your scope; null unlinks.', example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  hotspotId?: string | null;
}

/** Links the case to the case it duplicates and/or to a hotspot (both must be of the caller's scope). */
export const linkAction = defineAction({
  name: 'link',
  roles: ['officer', 'unit_lead'],
  input: LinkCaseDto,
  concurrency: 'version',
  summary: 'Link the case to an original case (duplicate) and/or a hotspot.',
  plan(c, input, env) {
    const claim = { claimedBy: c.claimedBy, claimedUntil: c.claimedUntil };
    assertMayAct(claim, env.actorId, env.now);
    if (input.duplicateOf === undefined && input.hotspotId === undefined) {
      throw new ValidationFailed([{ field: 'duplicateOf', reason: 'required', message: 'Give duplicateOf or hotspotId.' }]);
    }
    const patch: CasePatch = {};
    const requires: Requirement[] = [];
    if (input.duplicateOf !== undefined) {
      if (input.duplicateOf === c.id) throw new ValidationFailed([{ field: 'duplicateOf', reason: 'self', message: 'A case cannot duplicate itself.' }]);
      if (input.duplicateOf !== null) requires.push({ kind: 'original_case_in_scope', caseId: input.duplicateOf });
      patch.duplicateOf = input.duplicateOf;
    }
    if (input.hotspotId !== undefined) {
      if (input.hotspotId !== null) requires.push({ kind: 'hotspot_in_scope', hotspotId: input.hotspotId });
      patch.hotspotId = input.hotspotId;
    }
    Object.assign(patch, takeClaim(claim, env.actorId, env.now, env.claimTtlMs));
    const metadata = { duplicateOf: patch.duplicateOf ?? c.duplicateOf, hotspotId: patch.hotspotId ?? c.hotspotId };
    return { patch, event: { type: 'linked', metadata }, audit: 'case.linked', requires };
  },
});
