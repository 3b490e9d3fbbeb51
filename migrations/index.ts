import { Init1764300000000 } from './1764300000000-Init';
import { AuditTrail1764300100000 } from './1764300100000-AuditTrail';
import { AuditAppendFunction1764300101000 } from './1764300101000-AuditAppendFunction';
import { PlacesUnitsRouting1764300200000 } from './1764300200000-PlacesUnitsRouting';
import { DataKeys1764300300000 } from './1764300300000-DataKeys';
import { StaffAccess1764300400000 } from './1764300400000-StaffAccess';
import { CasesHotspots1764300500000 } from './1764300500000-CasesHotspots';
import { IntakeProofs1764300600000 } from './1764300600000-IntakeProofs';
import { Tips1764300601000 } from './1764300601000-Tips';
import { CasePurgedAt1764400100000 } from './1764400100000-CasePurgedAt';
import { AuditWitness1764400300000 } from './1764400300000-AuditWitness';
import { StaffInvitations1764400301000 } from './1764400301000-StaffInvitations';
import { Limits1764400400000 } from './1764400400000-Limits';
import { Clocks1764400500000 } from './1764400500000-Clocks';
import { Channels1764400600000 } from './1764400600000-Channels';
import { ReportIndexes1764400700000 } from './1764400700000-ReportIndexes';
import { CaseFigures1764400800000 } from './1764400800000-CaseFigures';
import { ReportOpenCaseIndexes1764400900000 } from './1764400900000-ReportOpenCaseIndexes';
import { AuditAppendAtCommit1764401000000 } from './1764401000000-AuditAppendAtCommit';
import { ReportCategoryHoursIndex1764401100000 } from './1764401100000-ReportCategoryHoursIndex';

/** Every migration, in order. The DataSource loads this list (no globs: the same in ts and js). */
export const MIGRATIONS: Function[] = [
  Init1764300000000,
  AuditTrail1764300100000,
  AuditAppendFunction1764300101000,
  PlacesUnitsRouting1764300200000,
  DataKeys1764300300000,
  StaffAccess1764300400000,
  CasesHotspots1764300500000,
  IntakeProofs1764300600000,
  Tips1764300601000,
  CasePurgedAt1764400100000,
  AuditWitness1764400300000,
  StaffInvitations1764400301000,
  Limits1764400400000,
  Clocks1764400500000,
  Channels1764400600000,
  ReportIndexes1764400700000,
  CaseFigures1764400800000,
  ReportOpenCaseIndexes1764400900000,
  AuditAppendAtCommit1764401000000,
  ReportCategoryHoursIndex1764401100000,
];
