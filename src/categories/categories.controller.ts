import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { CATEGORIES, Category } from './category-catalogue';

@ApiTags('public')
@Controller('api/v1/categories')
export class CategoriesController {
  @Public()
  @Get()
  @ApiOperation({ summary: 'Tip categories with names, explanations and structured detail fields (vi, en)' })
  @ApiOkResponse({ description: '{ items: Category[] }' })
  list(): { items: readonly Category[] } {
    return { items: CATEGORIES };
  }
}
