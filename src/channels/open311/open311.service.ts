import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CATEGORIES, categoryByCode, Lang } from '../../categories/category-catalogue';
import { isCategoryCode } from '../../categories/category-codes';
import { ChannelClientsService } from '../../channel-clients/channel-clients.service';
import { DomainError, FieldProblem } from '../../common/errors/domain-error';
import type { IntakeCommand } from '../../intake/intake-command';
import { IntakeService } from '../../intake/intake.service';
import { LocalitiesService } from '../../localities/localities.service';
import { channelContext } from '../channel-context';
import { DeliveriesService, sha256 } from '../deliveries/deliveries.service';
import { Open311Error, SERVICE_NOTICE, serviceDefinition, serviceList } from './open311-format';
import { readOpen311Request } from './open311-request';

/** A GeoReport error: the HTTP status and the spec's `[{ code, description }]`. */
export class Open311Failure extends Error {
  constructor(
    readonly status: number,
    readonly errors: Open311Error[],
  ) {
    super(errors.map((e) => e.description).join('; '));
  }
}

const NOT_LISTED: Record<Lang, string> = {
  vi: 'Tin báo không bao giờ được liệt kê hoặc tra cứu công khai (để bảo vệ người báo tin). Dùng tokens/{token} để lấy mã yêu cầu, và mã biên nhận để theo dõi.',
  en: 'Tips are never listed or looked up publicly (to protect tipsters). Use tokens/{token} for the request id, and the receipt to follow up.',
};

/** The Open311 GeoReport v2 adapter: categories as services; a POST becomes an IntakeCommand. */
@Injectable()
export class Open311Service {
  constructor(
    private readonly clients: ChannelClientsService,
    private readonly deliveries: DeliveriesService,
    private readonly intake: IntakeService,
    private readonly localities: LocalitiesService,
  ) {}

  /**
   * `jurisdiction_id` must be a province in force today, and a commune given with it must lie in
   * it (walking up at most two parents: a legacy commune's parent is its district).
   */
  private async checkJurisdiction(jurisdictionId: string, locality: unknown, lang: Lang): Promise<void> {
    const now = new Date();
    const j = await this.localities.resolve(jurisdictionId, now);
    if (j.status !== 'in_force' || j.locality?.level !== 'province') {
      throw new Open311Failure(400, [{ code: 400, description: lang === 'vi' ? 'jurisdiction_id không phải mã tỉnh/thành đang có hiệu lực.' : 'jurisdiction_id is not a province code in force.' }]);
    }
    if (typeof locality !== 'string' || locality === '') return;
    let parent = (await this.localities.resolve(locality, now)).locality?.parentCode ?? null;
    for (let hop = 0; parent && parent !== jurisdictionId && hop < 2; hop++) parent = (await this.localities.resolve(parent, now)).locality?.parentCode ?? null;
    if (parent !== jurisdictionId) {
      throw new Open311Failure(400, [
        { code: 400, description: lang === 'vi' ? 'attribute[locality]: xã/phường không thuộc jurisdiction_id.' : 'attribute[locality]: the commune is not in jurisdiction_id.' },
      ]);
    }
  }

  services(lang: Lang) {
    return serviceList(CATEGORIES, lang);
  }

  definition(code: string, lang: Lang) {
    if (!isCategoryCode(code)) throw new Open311Failure(404, [{ code: 404, description: lang === 'vi' ? `Không có dịch vụ ${code}.` : `No service ${code}.` }]);
    return serviceDefinition(categoryByCode(code), lang);
  }

  notListed(lang: Lang): never {
    throw new Open311Failure(404, [{ code: 404, description: NOT_LISTED[lang] }]);
  }

  async token(token: string, lang: Lang): Promise<{ service_request_id: string; token: string }[]> {
    const stored = await this.deliveries.responseOfToken(token);
    if (!stored) throw new Open311Failure(404, [{ code: 404, description: lang === 'vi' ? 'Không có token này.' : 'No such token.' }]);
    return [{ service_request_id: (JSON.parse(stored.body) as { reference: string }).reference, token }];
  }

  async create(requestId: string, body: Record<string, unknown>, queryLang: unknown) {
    const { tip, problems } = readOpen311Request(body, queryLang);
    const lang = tip.lang;
    if (problems.length) throw new Open311Failure(400, problems);
    let client;
    try {
      client = await this.clients.authenticate(tip.apiKey, 'open311');
    } catch (e) {
      if (e instanceof DomainError) throw new Open311Failure(e.code === 'channel_client_disabled' ? 403 : 403, [{ code: 403, description: e.message }]);
      throw e;
    }
    if (!isCategoryCode(tip.serviceCode)) throw new Open311Failure(404, [{ code: 404, description: lang === 'vi' ? 'service_code không tồn tại.' : 'No such service_code.' }]);
    const { locality, observed_at: observedAt, ...details } = tip.attributes;
    if (tip.jurisdictionId) await this.checkJurisdiction(tip.jurisdictionId, locality, lang);
    const hasPoint = tip.lat !== undefined && tip.lat !== '' && tip.long !== undefined && tip.long !== '';
    const command: IntakeCommand = {
      channel: 'open311',
      channelClientId: client.client.id,
      idempotencyKey: null,
      filedBy: null,
      lang,
      category: tip.serviceCode,
      content: tip.description,
      place: {
        locality: typeof locality === 'string' && locality !== '' ? locality : null,
        description: tip.addressString,
        coordinates: hasPoint ? { lat: tip.lat, lng: tip.long } : undefined,
      },
      observedAt: observedAt ?? new Date().toISOString(),
      details,
      photos: [],
      allowUnplaced: true,
    };
    const token = randomBytes(18).toString('base64url');
    const ctx = channelContext(requestId, client.client);
    try {
      const stored = await this.deliveries.once(
        { client, key: token, request: sha256(token), token },
        (hooks) => this.intake.submit(ctx, command, hooks),
        (a) => ({ status: 201, contentType: 'application/json', body: JSON.stringify({ reference: a.reference, receipt: a.receipt }) }),
      );
      const { receipt } = JSON.parse(stored.body) as { receipt: string };
      const notice = `${SERVICE_NOTICE[lang]} ${lang === 'vi' ? 'Mã biên nhận (giữ kín, dùng để theo dõi):' : 'Receipt (keep it secret; use it to follow up):'} ${receipt}`;
      return [{ token, service_notice: notice }];
    } catch (e) {
      if (e instanceof DomainError && e.code === 'validation_failed' && Array.isArray(e.details)) {
        throw new Open311Failure(400, (e.details as FieldProblem[]).map((p) => ({ code: 400, description: `${open311Field(p.field)}: ${p.message}` })));
      }
      throw e;
    }
  }
}

/** Intake's field names as the Open311 client knows them. */
function open311Field(field: string): string {
  const map: Record<string, string> = {
    narrative: 'description',
    category: 'service_code',
    locality: 'attribute[locality]',
    observedAt: 'attribute[observed_at]',
    place: 'address_string',
    coordinates: 'lat/long',
  };
  if (map[field]) return map[field];
  const d = /^details\.(.+)$/.exec(field);
  return d ? `attribute[${d[1]}]` : field;
}
