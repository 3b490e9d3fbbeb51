import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.decorators';
import { httpStatusFor } from '../../common/errors/error-codes';
import { Ctx, RequestContext } from '../../common/request-context';
import { AddCoverageDto, CloseCoverageDto } from '../../units/dto/add-coverage.dto';
import { ChangeUnitDto } from '../../units/dto/change-unit.dto';
import { CreateUnitDto } from '../../units/dto/create-unit.dto';
import { UnitsService } from '../../units/units.service';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { redirect, sendPage } from '../shell/render';
import { AdminLookups } from './admin-lookups';
import { pageCursor, queryText } from './admin-http';
import { checkWith, formProblems, FormBody, FormProblem, isFormError, optional, refill, text } from './form-input';
import { COVERAGE_FIELDS, CoverageClosePage, UNIT_CHANGE_FIELDS, UnitChangePage, UNIT_FORM_FIELDS, UnitNewPage, UnitPage, UnitsListPage } from './units-pages';
import { NotFound } from '../../common/errors/domain-error';

const unitUrl = (code: string, done?: string) => `/console/admin/units/${encodeURIComponent(code)}${done ? `?done=${done}` : ''}`;

/**
 * Units and their coverage: admins and auditors read (as the API allows), admins change, through
 * UnitsService's own methods (checked, locked and audited as for the API).
 */
@ApiExcludeController()
@Roles('admin')
@Controller('console/admin/units')
export class AdminUnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly lookups: AdminLookups,
  ) {}

  @Get()
  @Roles('admin', 'auditor')
  async list(@ConsoleContext() ctx: ConsoleCtx, @Query('cursor') cursorQ: unknown, @Query('done') done: unknown, @Res() reply: FastifyReply) {
    const cursor = pageCursor(cursorQ);
    const page = await this.units.listUnits({ cursor, limit: 100 });
    const codes = await this.lookups.unitCodes();
    return sendPage(reply, <UnitsListPage ctx={ctx} data={{ ...page, first: !cursor, codes, done: queryText(done) }} />);
  }

  @Get('new')
  newForm(@ConsoleContext() ctx: ConsoleCtx, @Res() reply: FastifyReply) {
    return sendPage(reply, <UnitNewPage ctx={ctx} />);
  }

  @Post()
  async create(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const dto = {
      code: text(body, 'code').toUpperCase(),
      name: text(body, 'name'),
      kind: text(body, 'kind'),
      parentCode: optional(body, 'parentCode')?.toUpperCase(),
      validFrom: text(body, 'validFrom'),
      validTo: optional(body, 'validTo'),
    };
    const again = (problems: FormProblem[], status: number) => sendPage(reply, <UnitNewPage ctx={ctx} values={refill(body, UNIT_FORM_FIELDS)} problems={problems} />, status);
    const invalid = await checkWith(CreateUnitDto, dto);
    if (invalid.length) return again(formProblems(invalid, ctx.lang, UNIT_FORM_FIELDS), 400);
    try {
      const unit = await this.units.createUnit(rc, dto as CreateUnitDto);
      return redirect(reply, unitUrl(unit.code, 'unit_created'));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return again(formProblems(e, ctx.lang, UNIT_FORM_FIELDS), httpStatusFor(e.code));
    }
  }

  @Get(':code')
  @Roles('admin', 'auditor')
  async unit(@ConsoleContext() ctx: ConsoleCtx, @Param('code') code: string, @Query('done') done: unknown, @Res() reply: FastifyReply) {
    const data = await this.lookups.unitPage(code);
    return sendPage(reply, <UnitPage ctx={ctx} data={{ ...data, done: queryText(done) }} />);
  }

  @Get(':code/change')
  async changeForm(@ConsoleContext() ctx: ConsoleCtx, @Param('code') code: string, @Res() reply: FastifyReply) {
    const data = await this.lookups.unitPage(code);
    return sendPage(reply, <UnitChangePage ctx={ctx} unit={data.unit} parentCode={data.parentCode} />);
  }

  /** Rename, move in the chain of command, or end the unit (an empty parent keeps the parent; an empty end makes it open-ended). */
  @Post(':code/change')
  async change(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Param('code') code: string, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const dto = { name: text(body, 'name'), parentCode: optional(body, 'parentCode')?.toUpperCase(), validTo: optional(body, 'validTo') ?? null };
    const again = async (problems: FormProblem[], status: number) => {
      const data = await this.lookups.unitPage(code);
      return sendPage(reply, <UnitChangePage ctx={ctx} unit={data.unit} parentCode={data.parentCode} values={refill(body, UNIT_CHANGE_FIELDS)} problems={problems} />, status);
    };
    const invalid = await checkWith(ChangeUnitDto, dto);
    if (invalid.length) return again(formProblems(invalid, ctx.lang, UNIT_CHANGE_FIELDS), 400);
    try {
      const unit = await this.units.changeUnit(rc, code, dto);
      return redirect(reply, unitUrl(unit.code, 'unit_changed'));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return again(formProblems(e, ctx.lang, UNIT_CHANGE_FIELDS), httpStatusFor(e.code));
    }
  }

  @Post(':code/coverage')
  async addCoverage(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Param('code') code: string, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const dto = { localityCode: text(body, 'localityCode'), validFrom: text(body, 'validFrom'), validTo: optional(body, 'validTo') };
    const again = async (problems: FormProblem[], status: number) => {
      const data = await this.lookups.unitPage(code);
      return sendPage(reply, <UnitPage ctx={ctx} data={{ ...data, values: refill(body, COVERAGE_FIELDS), problems }} />, status);
    };
    const invalid = await checkWith(AddCoverageDto, dto);
    if (invalid.length) return again(formProblems(invalid, ctx.lang, COVERAGE_FIELDS), 400);
    try {
      await this.units.addCoverage(rc, code, dto as AddCoverageDto);
      return redirect(reply, unitUrl(code, 'coverage_added'));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return again(formProblems(e, ctx.lang, COVERAGE_FIELDS), httpStatusFor(e.code));
    }
  }

  @Get(':code/coverage/:id/close')
  async confirmClose(@ConsoleContext() ctx: ConsoleCtx, @Param('code') code: string, @Param('id') id: string, @Res() reply: FastifyReply) {
    const { unit, coverage } = await this.coverageOf(code, id);
    return sendPage(reply, <CoverageClosePage ctx={ctx} unit={unit} coverage={coverage} />);
  }

  @Post(':code/coverage/:id/close')
  async close(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Param('code') code: string, @Param('id') id: string, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const { unit, coverage } = await this.coverageOf(code, id);
    const dto = { validTo: text(body, 'validTo') };
    const again = (problems: FormProblem[], status: number) =>
      sendPage(reply, <CoverageClosePage ctx={ctx} unit={unit} coverage={coverage} values={refill(body, ['validTo'])} problems={problems} />, status);
    const invalid = await checkWith(CloseCoverageDto, dto);
    if (invalid.length) return again(formProblems(invalid, ctx.lang, ['validTo']), 400);
    try {
      await this.units.closeCoverage(rc, coverage.id, dto.validTo);
      return redirect(reply, unitUrl(unit.code, 'coverage_closed'));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return again(formProblems(e, ctx.lang, ['validTo']), httpStatusFor(e.code));
    }
  }

  /** The coverage row `id` of the unit `code` (404 when it is another unit's or does not exist). */
  private async coverageOf(code: string, id: string) {
    const data = await this.lookups.unitPage(code);
    const coverage = data.coverage.find((c) => c.id === id);
    if (!coverage) throw new NotFound('Coverage');
    return { unit: data.unit, coverage };
  }
}
