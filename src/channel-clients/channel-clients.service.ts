import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError, ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { UnitOfWork } from '../common/unit-of-work';
import { CryptoService } from '../crypto/crypto.service';
import { FieldAad } from '../crypto/envelope-format';
import { CHANNEL_KINDS, ChannelClientEntity, ChannelKind } from './channel-client.entity';
import { ChannelClientsRepository } from './channel-clients.repository';
import { apiKeyId, apiKeyMatches, hashApiKey, newApiKey, newSigningSecret } from './channel-credentials';

export interface ChannelCredentials {
  id: string;
  kind: ChannelKind;
  name: string;
  apiKey: string;
  signingSecret: string;
  publicUrl: string | null;
}

export interface ChannelClientSummary {
  id: string;
  kind: ChannelKind;
  name: string;
  status: 'active' | 'disabled';
  keyId: string;
  publicUrl: string | null;
  createdAt: string;
  rotatedAt: string | null;
  disabledAt: string | null;
}

/** A client that passed authentication, with its signing secret opened. */
export interface AuthenticatedClient {
  client: ChannelClientEntity;
  secret: string;
}

const secretAad = (id: string): FieldAad => ({ table: 'channel_clients', column: 'signing_secret', rowId: id });
const NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

const summary = (c: ChannelClientEntity): ChannelClientSummary => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  status: c.status,
  keyId: c.keyId,
  publicUrl: c.publicUrl,
  createdAt: c.createdAt.toISOString(),
  rotatedAt: c.rotatedAt?.toISOString() ?? null,
  disabledAt: c.disabledAt?.toISOString() ?? null,
});

/**
 * Channel clients: made, listed, disabled and rotated from the CLI (each change audited in its
 * transaction); authenticated on every delivery by reading the row, so a disabled client is
 * refused from the next request on.
 */
@Injectable()
export class ChannelClientsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ChannelClientsRepository,
    private readonly crypto: CryptoService,
    private readonly audit: AuditService,
  ) {}

  async create(
    ctx: RequestContext,
    input: { kind: string; name: string; publicUrl?: string | null; signingSecret?: string | null },
  ): Promise<ChannelCredentials> {
    const problems = [];
    const kind = input.kind as ChannelKind;
    if (!CHANNEL_KINDS.includes(kind)) problems.push({ field: 'kind', reason: 'invalid', message: `kind must be one of ${CHANNEL_KINDS.join(', ')}` });
    const name = String(input.name ?? '').trim().toLowerCase();
    if (!NAME.test(name)) problems.push({ field: 'name', reason: 'invalid', message: 'name: 2..64 of a-z 0-9 . _ -, starting with a letter or digit' });
    let publicUrl: string | null = input.publicUrl ?? null;
    if (publicUrl !== null) {
      try {
        const u = new URL(publicUrl);
        if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
        publicUrl = u.toString();
      } catch {
        problems.push({ field: 'url', reason: 'invalid', message: 'url must be an absolute http(s) URL' });
      }
    }
    if (kind === 'sms' && !publicUrl) problems.push({ field: 'url', reason: 'required', message: 'an sms client needs --url: the public URL its gateway calls (the signature covers it)' });
    if (input.signingSecret != null && input.signingSecret.length < 16) problems.push({ field: 'signingSecret', reason: 'too_short', message: 'a signing secret has at least 16 characters' });
    if (problems.length) throw new ValidationFailed(problems, 'The channel client is not valid.');

    const id = randomUUID();
    const { keyId, apiKey } = newApiKey();
    const signingSecret = input.signingSecret ?? newSigningSecret();
    await this.uow.run(async (m) => {
      if (await this.repo.findByName(m, name)) throw new DomainError('conflict', `A channel client named ${name} exists.`);
      const dataKeyId = await this.crypto.createDataKey(m);
      const c = new ChannelClientEntity();
      Object.assign(c, {
        id,
        kind,
        name,
        keyId,
        keyHash: hashApiKey(apiKey),
        dataKeyId,
        signingSecret: await this.crypto.encrypt(m, dataKeyId, secretAad(id), signingSecret),
        publicUrl,
        status: 'active',
        createdAt: new Date(),
        rotatedAt: null,
        disabledAt: null,
      } satisfies Partial<ChannelClientEntity>);
      await this.repo.insert(m, c);
      await this.audit.record(m, ctx, { action: 'channel_client.created', targetType: 'channel_client', targetId: id, change: { kind, name, keyId, publicUrl } });
    });
    return { id, kind, name, apiKey, signingSecret, publicUrl };
  }

  async list(): Promise<ChannelClientSummary[]> {
    return (await this.repo.all()).map(summary);
  }

  async disable(ctx: RequestContext, name: string): Promise<ChannelClientSummary> {
    return this.uow.run(async (m) => {
      const c = await this.repo.findByName(m, String(name).toLowerCase(), true);
      if (!c) throw new DomainError('not_found', `No channel client is named ${name}.`);
      if (c.status !== 'disabled') {
        const disabledAt = new Date();
        await this.repo.update(m, c.id, { status: 'disabled', disabledAt });
        Object.assign(c, { status: 'disabled', disabledAt });
        await this.audit.record(m, ctx, { action: 'channel_client.disabled', targetType: 'channel_client', targetId: c.id, change: { name: c.name } });
      }
      return summary(c);
    });
  }

  /** New API key and signing secret; the old ones stop working at once. */
  async rotate(ctx: RequestContext, name: string, signingSecret?: string | null): Promise<ChannelCredentials> {
    if (signingSecret != null && signingSecret.length < 16) {
      throw new ValidationFailed([{ field: 'signingSecret', reason: 'too_short', message: 'a signing secret has at least 16 characters' }]);
    }
    return this.uow.run(async (m) => {
      const c = await this.repo.findByName(m, String(name).toLowerCase(), true);
      if (!c) throw new DomainError('not_found', `No channel client is named ${name}.`);
      const { keyId, apiKey } = newApiKey();
      const secret = signingSecret ?? newSigningSecret();
      const rotatedAt = new Date();
      await this.repo.update(m, c.id, {
        keyId,
        keyHash: hashApiKey(apiKey),
        signingSecret: await this.crypto.encrypt(m, c.dataKeyId, secretAad(c.id), secret),
        rotatedAt,
      });
      await this.audit.record(m, ctx, { action: 'channel_client.rotated', targetType: 'channel_client', targetId: c.id, change: { name: c.name, keyId } });
      return { id: c.id, kind: c.kind, name: c.name, apiKey, signingSecret: secret, publicUrl: c.publicUrl };
    });
  }

  /**
   * The client an API key belongs to, if it is of this kind and active. Every failure is the
   * same 401 (no hint whether the key id exists); a disabled client gets a 403 naming that.
   */
  async authenticate(apiKey: unknown, kind: ChannelKind): Promise<AuthenticatedClient> {
    const keyId = apiKeyId(apiKey);
    const c = keyId ? await this.repo.findByKeyId(keyId) : null;
    if (!c || c.kind !== kind || !apiKeyMatches(apiKey as string, c.keyHash)) {
      throw new DomainError('channel_auth_failed', 'The API key is missing or not valid for this channel.');
    }
    if (c.status !== 'active') throw new DomainError('channel_client_disabled', 'This channel client is disabled.');
    return { client: c, secret: await this.openSecret(c) };
  }

  /** The active clients of a kind with their secrets (SMS: the signature itself names the client). */
  async activeWithSecrets(kind: ChannelKind): Promise<AuthenticatedClient[]> {
    const out: AuthenticatedClient[] = [];
    for (const c of await this.repo.activeOfKind(kind)) out.push({ client: c, secret: await this.openSecret(c) });
    return out;
  }

  /** A client by id, whatever its status (to read back what it was answered). */
  byId(id: string): Promise<ChannelClientEntity | null> {
    return this.repo.findById(id);
  }

  /** Encrypts a value under the client's data key (a delivery's stored response). */
  seal(m: EntityManager, client: ChannelClientEntity, aad: FieldAad, value: string): Promise<Buffer> {
    return this.crypto.encrypt(m, client.dataKeyId, aad, value);
  }

  async open(client: ChannelClientEntity, aad: FieldAad, value: Buffer): Promise<string | null> {
    return (await this.crypto.decrypt(this.repo.dataSource.manager, client.dataKeyId, aad, value))?.toString('utf8') ?? null;
  }

  private async openSecret(c: ChannelClientEntity): Promise<string> {
    const plain = await this.crypto.decrypt(this.repo.dataSource.manager, c.dataKeyId, secretAad(c.id), c.signingSecret);
    if (!plain) throw new DomainError('channel_client_disabled', 'This channel client has no usable secret.');
    return plain.toString('utf8');
  }
}
