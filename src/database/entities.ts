/**
 * Every TypeORM entity of tipline. The app, the CLI and the migration-drift test use this one
 * list, so an entity missing here is caught by the drift test. Each feature adds its own.
 */
import { AuditCheckpoint } from '../audit/audit-checkpoint.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditIncident } from '../audit/audit-incident.entity';
import { DataKey } from '../crypto/data-key.entity';
import { LocalitySuccessor } from '../localities/locality-successor.entity';
import { Locality } from '../localities/locality.entity';
import { ReferenceImport } from '../localities/reference-import.entity';
import { RoutingRule } from '../routing/routing-rule.entity';
import { RoutingState } from '../routing/routing-state.entity';
import { UnitCoverage } from '../units/unit-coverage.entity';
import { Unit } from '../units/unit.entity';
import { UsedProof } from '../intake/used-proof.entity';
import { StaffAccountEntity } from '../staff/staff-account.entity';
import { StaffRecoveryCodeEntity } from '../staff/staff-recovery-code.entity';
import { StaffSessionEntity } from '../staff/staff-session.entity';
import { CaseEntity } from '../cases/case.entity';
import { CaseEventEntity } from '../cases/case-event.entity';
import { CaseMessageEntity } from '../cases/case-message.entity';
import { Hotspot } from '../hotspots/hotspot.entity';
import { HotspotStatusChange } from '../hotspots/hotspot-status-change.entity';
import { TipEntity } from '../tips/tip.entity';
import { TipPhotoEntity } from '../tips/tip-photo.entity';
import { ChannelClientEntity } from '../channel-clients/channel-client.entity';
import { ChannelDeliveryEntity } from '../channels/deliveries/channel-delivery.entity';
import { SignatureSeenEntity } from '../channels/deliveries/signature-seen.entity';
import { ClockPolicyEntity } from '../clocks/clock-policy.entity';
import { CaseClockEntity } from '../clocks/case-clock.entity';
import { ClockEventEntity } from '../clocks/clock-event.entity';
import { CalendarExceptionEntity } from '../calendar/calendar-exception.entity';
import { NotificationEntity, StaffNotificationEmailEntity } from '../notifications/notification.entity';
import { CaseFigureEntity } from '../case-figures/case-figure.entity';

export const ENTITIES: Function[] = [AuditEvent, AuditCheckpoint, AuditIncident, Locality, LocalitySuccessor, Unit, UnitCoverage, RoutingRule, RoutingState, ReferenceImport, DataKey, UsedProof, StaffAccountEntity, StaffSessionEntity, StaffRecoveryCodeEntity, CaseEntity, CaseEventEntity, CaseMessageEntity, Hotspot, HotspotStatusChange, TipEntity, TipPhotoEntity, ChannelClientEntity, ChannelDeliveryEntity, SignatureSeenEntity, ClockPolicyEntity, CaseClockEntity, ClockEventEntity, CalendarExceptionEntity, NotificationEntity, StaffNotificationEmailEntity, CaseFigureEntity];
