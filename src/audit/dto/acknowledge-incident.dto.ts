import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class AcknowledgeIncidentDto {
  @ApiProperty({ example: 'Restored from the 02:00 backup; the witness matches again. Ticket OPS-118.', description: 'What was found and decided (kept in the incident, the chain and the witness)' })
  @IsString() @MinLength(10) @MaxLength(2000)
  reason: string;
}
