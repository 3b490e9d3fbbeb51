import type { Lang } from '../categories/category-catalogue';

/**
 * The channels a tip can arrive by (the database checks the same list on tips and cases).
 * `chat` is reserved for a Zalo/chat adapter (see src/channels/README.md).
 */
export const TIP_CHANNELS = ['web', 'hotline', 'sms', 'open311', 'chat'] as const;
export type TipChannel = (typeof TIP_CHANNELS)[number];

export interface UploadedPhoto {
  field: string;
  data: Buffer;
}

/**
 * One tip, whatever it came by. Each channel adapter turns its request into this command; the
 * one IntakeService validates it (field problems in `lang`), routes it and stores it in one
 * transaction. Field values are still raw: every channel gets the same validation.
 */
export interface IntakeCommand {
  channel: TipChannel;
  /** The channel client that delivered it; null only for the web form. */
  channelClientId: string | null;
  /** The delivery's idempotency key, as the adapter claimed it (only its HMAC is ever stored, in channel_deliveries). */
  idempotencyKey: string | null;
  /** `staff:<id>` or `operator:<id>` when someone filed it for the tipster. */
  filedBy: string | null;
  lang: Lang;
  category: unknown;
  /** The tipster's words. */
  content: unknown;
  place: {
    /** An official commune code; null sends the tip to the triage desk when the channel allows it. */
    locality: unknown;
    description?: unknown;
    coordinates?: unknown;
  };
  observedAt: unknown;
  details?: unknown;
  localPoliceInvolved?: unknown;
  photos: UploadedPhoto[];
  /** True where the channel may deliver a tip without a usable place (SMS, Open311): it goes to triage. */
  allowUnplaced?: boolean;
  /** An operator heard the receipt: offer the tipster a fresh one the first time they use it. */
  reissueReceipt?: boolean;
}

/** What the command's tip looks like to the shared validation (the web form's field names). */
export function commandFields(cmd: IntakeCommand): Record<string, unknown> {
  return {
    category: cmd.category,
    locality: cmd.place.locality,
    observedAt: cmd.observedAt,
    narrative: cmd.content,
    details: cmd.details,
    place: cmd.place.description,
    coordinates: cmd.place.coordinates,
    localPoliceInvolved: cmd.localPoliceInvolved,
  };
}
