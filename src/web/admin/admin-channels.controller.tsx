import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.decorators';
import { ChannelClientsService } from '../../channel-clients/channel-clients.service';
import { DomainError } from '../../common/errors/domain-error';
import { httpStatusFor } from '../../common/errors/error-codes';
import { Ctx, RequestContext } from '../../common/request-context';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { redirect, sendPage } from '../shell/render';
import { queryText } from './admin-http';
import { CHANNEL_ALL_FIELDS, CHANNEL_FORM_FIELDS, ChannelConfirmPage, ChannelCredentialsPage, ChannelNewPage, ChannelsPage } from './channels-pages';
import { formProblems, FormBody, isFormError, optional, refill, text } from './form-input';

/**
 * Channel clients (admins; the CLI's channel:* commands do the same through the same service, and
 * audit alike). Credentials appear only in the answer to the POST that made them (no-store), never
 * again: the key is kept as a hash, the secret encrypted.
 */
@ApiExcludeController()
@Roles('admin')
@Controller('console/admin/channels')
export class AdminChannelsController {
  constructor(private readonly clients: ChannelClientsService) {}

  @Get()
  async list(@ConsoleContext() ctx: ConsoleCtx, @Query('done') done: unknown, @Res() reply: FastifyReply) {
    return sendPage(reply, <ChannelsPage ctx={ctx} clients={await this.clients.list()} done={queryText(done)} />);
  }

  @Get('new')
  newForm(@ConsoleContext() ctx: ConsoleCtx, @Res() reply: FastifyReply) {
    return sendPage(reply, <ChannelNewPage ctx={ctx} />);
  }

  @Post()
  async create(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Body() body: FormBody, @Res() reply: FastifyReply) {
    try {
      const credentials = await this.clients.create(rc, {
        kind: text(body, 'kind'),
        name: text(body, 'name'),
        publicUrl: optional(body, 'url') ?? null,
        signingSecret: optional(body, 'signingSecret') ?? null,
      });
      return sendPage(reply, <ChannelCredentialsPage ctx={ctx} credentials={credentials} kind="created" />);
    } catch (e) {
      if (!isFormError(e)) throw e;
      // the secret is never sent back into the page
      const problems = formProblems(e, ctx.lang, CHANNEL_ALL_FIELDS, { '': 'name' });
      return sendPage(reply, <ChannelNewPage ctx={ctx} values={refill(body, CHANNEL_FORM_FIELDS)} problems={problems} />, httpStatusFor(e.code));
    }
  }

  @Get(':name/disable')
  async confirmDisable(@ConsoleContext() ctx: ConsoleCtx, @Param('name') name: string, @Res() reply: FastifyReply) {
    return sendPage(reply, <ChannelConfirmPage ctx={ctx} client={await this.client(name)} action="disable" />);
  }

  @Post(':name/disable')
  async disable(@Ctx() rc: RequestContext, @Param('name') name: string, @Res() reply: FastifyReply) {
    await this.clients.disable(rc, name);
    return redirect(reply, '/console/admin/channels?done=channel_disabled');
  }

  @Get(':name/rotate')
  async confirmRotate(@ConsoleContext() ctx: ConsoleCtx, @Param('name') name: string, @Res() reply: FastifyReply) {
    return sendPage(reply, <ChannelConfirmPage ctx={ctx} client={await this.client(name)} action="rotate" />);
  }

  /** New key and secret (the old stop at once), shown in this answer only. */
  @Post(':name/rotate')
  async rotate(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Param('name') name: string, @Res() reply: FastifyReply) {
    const credentials = await this.clients.rotate(rc, name);
    return sendPage(reply, <ChannelCredentialsPage ctx={ctx} credentials={credentials} kind="rotated" />);
  }

  private async client(name: string) {
    const found = (await this.clients.list()).find((c) => c.name === name.toLowerCase());
    if (!found) throw new DomainError('not_found', `No channel client is named ${name}.`);
    return found;
  }
}
