import { Module } from '@nestjs/common';
import { CaseFiguresRepository } from './case-figures.repository';

/** The per-case figures the supervisor reports read (case_figures), kept by whoever changes a case. */
@Module({ providers: [CaseFiguresRepository], exports: [CaseFiguresRepository] })
export class CaseFiguresModule {}
