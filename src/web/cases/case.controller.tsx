import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.decorators';
import { CaseViewService } from '../../cases/case-view.service';
import type { CaseAction } from '../../cases/actions/case-action';
import { CaseActionExecutor } from '../../cases/actions/case-action.executor';
import { CASE_ACTIONS } from '../../cases/actions/registry';
import { DomainError } from '../../common/errors/domain-error';
import { Ctx, RequestContext } from '../../common/request-context';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { redirect, sendPage } from '../shell/render';
import { formToActionInput, formValues } from './action-form';
import { CasePageLoader } from './case-page.loader';
import { CasePage } from './case.page';
import { localizedProblems, validateDto } from './form-dto';

const WORKERS = ['officer', 'unit_lead', 'supervisor'] as const;
const DONE = /^[a-z-]{1,20}$/;

/**
 * /console/cases/:id: the case page (read through CaseViewService.view, audited like the API's
 * read; out of scope is the 404 page), its photos through the same audited, scoped read, and one
 * POST route per registered case action (below), each running the one action executor.
 */
@ApiExcludeController()
@Controller('console/cases')
export class CaseController {
  constructor(
    private readonly loader: CasePageLoader,
    private readonly views: CaseViewService,
    readonly executor: CaseActionExecutor,
  ) {}

  @Get(':id')
  @Roles(...WORKERS)
  async page(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Param('id') id: string, @Query('unitq') unitq: unknown, @Query('done') done: unknown, @Res() reply: FastifyReply) {
    const data = await this.loader.load(ctx.user, rc, id, {
      unitQuery: typeof unitq === 'string' ? unitq.slice(0, 100) : undefined,
      done: typeof done === 'string' && DONE.test(done) ? done : undefined,
    });
    return sendPage(reply, <CasePage ctx={ctx} data={data} />);
  }

  /** A cleaned photo (metadata stripped at intake), audited as `case.photo_viewed`, never cached. */
  @Get(':id/photos/:photoId')
  @Roles(...WORKERS)
  async photo(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Param('id') id: string, @Param('photoId') photoId: string, @Res() reply: FastifyReply) {
    const p = await this.views.photo(ctx.user, rc, id, photoId);
    return reply.header('content-type', p.mime).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store').send(p.content);
  }

  /**
   * One action's form: validated into the action's own API DTO, run by the executor (version
   * check, scope, timeline, audit), then 303 back to the case. Field problems re-render the case
   * page with them next to their fields (400); a stale version is the shell's 409 page.
   */
  async act(action: CaseAction, ctx: ConsoleCtx, rc: RequestContext, id: string, body: unknown, reply: FastifyReply) {
    const input = formToActionInput(body);
    try {
      const dto = await validateDto(action.input, input);
      await this.executor.run(action, ctx.user, rc, id, dto);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'validation_failed') throw e;
      const page = { ...ctx, path: `/console/cases/${id}` };
      const unitq = (body as Record<string, unknown> | null)?.unitq;
      const data = await this.loader.load(ctx.user, rc, id, {
        unitQuery: typeof unitq === 'string' ? unitq.slice(0, 100) : undefined,
        form: { action: action.name, problems: localizedProblems(e, ctx.lang), values: formValues(body) },
      });
      return sendPage(reply, <CasePage ctx={page} data={data} />, 400);
    }
    // A transferred case has left the caller's unit: back to the queue rather than to a 404.
    if (action.name === 'transfer') return redirect(reply, '/console/queue');
    const done = action.name === 'messages' && input.visibility === 'internal' ? 'note' : action.name;
    return redirect(reply, `/console/cases/${id}?done=${done}`);
  }
}

/** `POST /console/cases/:id/<action>` for every registered action, with the action's own roles (as CaseActionsController does for the API). */
function route(action: CaseAction): void {
  const proto: object = CaseController.prototype;
  const key = `form:${action.name}`;
  const handler = {
    [key](this: CaseController, ctx: ConsoleCtx, rc: RequestContext, id: string, body: unknown, reply: FastifyReply) {
      return this.act(action, ctx, rc, id, body, reply);
    },
  }[key];
  Object.defineProperty(proto, key, { value: handler, writable: true, configurable: true, enumerable: false });
  // The body is a plain object (no DTO metatype): the global pipe leaves it to act(), which validates it into the action's DTO.
  Reflect.defineMetadata('design:paramtypes', [Object, Object, String, Object, Object], proto, key);
  Reflect.defineMetadata('design:returntype', Promise, proto, key);
  ConsoleContext()(proto, key, 0);
  Ctx()(proto, key, 1);
  Param('id')(proto, key, 2);
  Body()(proto, key, 3);
  Res()(proto, key, 4);
  const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
  for (const decorate of [Post(`:id/${action.name}`), Roles(...action.roles)]) decorate(proto, key, descriptor);
  Object.defineProperty(proto, key, descriptor);
}

for (const action of CASE_ACTIONS) route(action);
