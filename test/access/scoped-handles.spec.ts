import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'unscoped-calls.ts');

/** Type-checks `text` as the fixture file with the project's compiler options; returns its diagnostics. */
function check(text: string): readonly ts.Diagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), { incremental: false, noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (f === FIXTURE ? text : read(f));
  const program = ts.createProgram({ rootNames: [FIXTURE], options: config.options, host });
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(FIXTURE));
}

const lineOf = (d: ts.Diagnostic) => d.file!.getLineAndCharacterOfPosition(d.start!).line;

/**
 * The access kernel's promise, checked by the compiler: a repository method that reads or writes
 * a case's content or children (tips, photos, messages, events) or a hotspot's history does not
 * accept a bare id. Compiles test/access/fixtures/unscoped-calls.ts.
 */
describe('scoped handles (type level)', () => {
  const source = readFileSync(FIXTURE, 'utf8');
  const marked = source.split('\n').flatMap((l, i) => (l.trim().startsWith('// @ts-expect-error') ? [i + 1] : []));

  it('every unscoped call in the fixture is an expected compile error, and the scoped calls compile', () => {
    expect(marked.length).toBeGreaterThanOrEqual(9);
    const diagnostics = check(source).map((d) => `${lineOf(d) + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  }, 120_000);

  it('without the @ts-expect-error markers, each of those calls fails to compile (the check can fail)', () => {
    const stripped = source.replace(/^(\s*)\/\/ @ts-expect-error.*$/gm, '$1//');
    const lines = [...new Set(check(stripped).map(lineOf))].sort((a, b) => a - b);
    expect(lines).toEqual(marked);
  }, 120_000);

  it('only src/access mints handles (no other file imports access/mint)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !relative(join(ROOT, 'src'), p).startsWith('access') && /from '[^']*access\/mint'/.test(readFileSync(p, 'utf8'))) offenders.push(relative(ROOT, p));
      }
    };
    walk(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
