/**
 * Every TypeORM entity of tipline. The app, the CLI and the migration-drift test use this one
 * list, so an entity missing here is caught by the drift test. Each feature adds its own.
 */
import { AuditCheckpoint } from '../audit/audit-checkpoint.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { DataKey } from '../crypto/data-key.entity';
import { UsedProof } from '../intake/used-proof.entity';

export const ENTITIES: Function[] = [AuditEvent, AuditCheckpoint, DataKey, UsedProof];
