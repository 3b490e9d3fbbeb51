import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional } from 'class-validator';
import { MemoizedQueryValidation, MemoValidationPipe } from './memo-validation.pipe';

@MemoizedQueryValidation()
class MemoQuery {
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value)) @IsIn(['a', 'b'], { each: true })
  status?: string[];

  @IsOptional() @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)) @IsInt()
  limit?: number;
}

describe('MemoValidationPipe', () => {
  const pipe = new MemoValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  const meta = { type: 'query' as const, metatype: MemoQuery };

  it('answers an identical query string as validation does, with its own copy', async () => {
    const first = (await pipe.transform({ status: 'a,b', limit: '5' }, meta)) as MemoQuery;
    const again = (await pipe.transform({ status: 'a,b', limit: '5' }, meta)) as MemoQuery;
    expect(again).toBeInstanceOf(MemoQuery);
    expect(again).toEqual(first);
    expect(again).toEqual(Object.assign(new MemoQuery(), { status: ['a', 'b'], limit: 5 }));
    again.status!.push('changed');
    expect(((await pipe.transform({ status: 'a,b', limit: '5' }, meta)) as MemoQuery).status).toEqual(['a', 'b']);
  });

  it('refuses bad input every time (refusals are not remembered)', async () => {
    for (let i = 0; i < 2; i++) await expect(pipe.transform({ status: 'z' }, meta)).rejects.toBeInstanceOf(BadRequestException);
    await expect(pipe.transform({ limit: '5', extra: '1' }, meta)).rejects.toBeInstanceOf(BadRequestException);
  });

  it('validates unmarked classes and bodies as ValidationPipe does', async () => {
    class Plain {
      @IsInt() n!: number;
    }
    await expect(pipe.transform({ n: 'x' }, { type: 'body', metatype: Plain })).rejects.toBeInstanceOf(BadRequestException);
    await expect(pipe.transform({ status: 'z' }, { type: 'body', metatype: MemoQuery })).rejects.toBeInstanceOf(BadRequestException);
  });
});
