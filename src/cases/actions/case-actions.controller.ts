import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiStaffErrors } from '../../common/errors/api-errors';
import { CurrentStaff, Roles, StaffPrincipal } from '../../auth/auth.decorators';
import { Ctx, RequestContext } from '../../common/request-context';
import { CaseSummaryDto, MessagePostedDto } from '../dto/case-responses.dto';
import type { CaseAction } from './case-action';
import { CaseActionExecutor } from './case-action.executor';
import { CASE_ACTIONS } from './registry';
import { UuidPipe } from '../../common/uuid.pipe';

/**
 * `POST /api/v1/cases/:id/<action>` for every registered action. The routes are made from the
 * registry below (one per action, with its roles, its request DTO as the validated body and its
 * own OpenAPI request schema), so adding an action never touches this file.
 */
@ApiTags('cases')
@ApiBearerAuth()
@ApiStaffErrors()
@Controller('api/v1/cases')
export class CaseActionsController {
  constructor(readonly executor: CaseActionExecutor) {}
}

function route(action: CaseAction): void {
  const proto: object = CaseActionsController.prototype;
  const key = `action:${action.name}`;
  const handler = {
    [key](this: CaseActionsController, staff: StaffPrincipal, ctx: RequestContext, id: string, body: unknown) {
      return this.executor.run(action, staff, ctx, id, body);
    },
  }[key];
  Object.defineProperty(proto, key, { value: handler, writable: true, configurable: true, enumerable: false });
  // What TypeScript's emitDecoratorMetadata would emit: the body's class is what the ValidationPipe validates into.
  Reflect.defineMetadata('design:paramtypes', [Object, Object, String, action.input], proto, key);
  Reflect.defineMetadata('design:returntype', Promise, proto, key);
  CurrentStaff()(proto, key, 0);
  Ctx()(proto, key, 1);
  Param('id', new UuidPipe())(proto, key, 2);
  Body()(proto, key, 3);
  const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
  for (const decorate of [
    Post(`:id/${action.name}`),
    HttpCode(action.status),
    Roles(...action.roles),
    ApiOperation({ summary: action.summary, operationId: `case_${action.name.replace(/-/g, '_')}` }),
    ApiBody({ type: action.input }),
    ApiErrors(400, 404, 409),
    action.status === 201
      ? ApiResponse({ status: 201, type: MessagePostedDto, description: 'The message as stored.' })
      : ApiResponse({ status: 200, type: CaseSummaryDto, description: 'The case after the action (send its version with the next one).' }),
  ]) {
    decorate(proto, key, descriptor);
  }
  Object.defineProperty(proto, key, descriptor);
}

for (const action of CASE_ACTIONS) route(action);
