import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkImportRules, ImportEdge, importGraphOf } from './import-rules';

const SRC = join(__dirname, '..', '..', 'src');

describe('import rules of src/ (CONVENTIONS.md "Layout")', () => {
  it('src/ has no folder cycle, no upward import, no feature importing the CLI, no controller reading another feature\'s repository', () => {
    const edges = importGraphOf(SRC);
    // The graph is really read: the app module imports features, features import common.
    expect(edges.some((e) => e.from === 'app.module.ts')).toBe(true);
    expect(edges.some((e) => e.to.startsWith('common/'))).toBe(true);
    expect(checkImportRules(edges)).toEqual([]);
  });
});

describe('the rule checker', () => {
  const ok: ImportEdge[] = [
    { from: 'cases/cases.service.ts', to: 'common/errors/domain-error' },
    { from: 'cases/cases.controller.ts', to: 'cases/cases.repository' },
    { from: 'cli/cli.module.ts', to: 'cases/cases.module' },
    { from: 'common/request-context.ts', to: 'config/env' },
  ];

  it('passes a graph that keeps the rules', () => {
    expect(checkImportRules(ok)).toEqual([]);
  });

  it.each<[string, ImportEdge, string]>([
    ['common -> feature', { from: 'common/request-context.ts', to: 'staff/staff-principal' }, 'base-imports-feature'],
    ['config -> feature', { from: 'config/env.ts', to: 'cases/case.entity' }, 'base-imports-feature'],
    ['feature -> cli', { from: 'crypto/keys.ts', to: 'cli/progress' }, 'feature-imports-cli'],
    ['controller -> another feature\'s repository', { from: 'hotspots/hotspots.controller.ts', to: 'cases/cases.repository' }, 'controller-imports-foreign-repository'],
  ])('flags %s', (_, edge, rule) => {
    expect(checkImportRules([...ok, edge]).map((v) => v.rule)).toContain(rule);
  });

  it('flags a cycle between feature folders, naming both and the imports', () => {
    const v = checkImportRules([...ok, { from: 'cases/a.ts', to: 'intake/tips.repository' }, { from: 'intake/b.ts', to: 'cases/cases.module' }]);
    expect(v).toEqual([{ rule: 'cycle', detail: expect.stringContaining('cases <-> intake') }]);
    expect(v[0].detail).toContain('cases/a.ts imports intake/tips.repository');
  });

  it('flags a three-folder cycle', () => {
    const v = checkImportRules([{ from: 'a/x.ts', to: 'b/y' }, { from: 'b/y.ts', to: 'c/z' }, { from: 'c/z.ts', to: 'a/x' }]);
    expect(v.map((x) => x.detail)).toEqual([expect.stringMatching(/^a <-> b <-> c: /)]);
  });

  it('reads a forbidden import from files on disk (import type, re-export, dynamic import)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-rules-'));
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    try {
      write('common/ctx.ts', "import type { P } from '../staff/principal';\nexport const x = 1;\n");
      write('staff/principal.ts', "export interface P { id: string }\nexport { x } from '../common/ctx';\n");
      write('units/seed.ts', "export const load = () => import('../routing/policy');\n");
      write('routing/policy.ts', "import { x } from '../units/seed';\nimport { bar } from '../cli/progress';\n");
      write('cli/progress.ts', 'export const bar = 1;\n');
      write('staff/principal.spec.ts', "import '../cli/progress';\n"); // specs are not part of the graph
      const rules = checkImportRules(importGraphOf(dir)).map((v) => `${v.rule}: ${v.detail.split(':')[0]}`);
      expect(rules.sort()).toEqual([
        'base-imports-feature: common->staff (common/ctx.ts imports staff/principal)',
        'cycle: common <-> staff',
        'cycle: routing <-> units',
        'feature-imports-cli: routing->cli (routing/policy.ts imports cli/progress)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
