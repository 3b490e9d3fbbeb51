import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/** One import of one source file: both paths relative to `src/`, with `/` separators. */
export interface ImportEdge {
  from: string;
  to: string;
}

/**
 * The import graph of a source tree, read with the TypeScript compiler's own pre-processor (static
 * imports and `import type`, re-exports, `import()` and `require()`). Only relative imports that
 * land inside the tree count; specs and declaration files are left out (they are not shipped).
 */
export function importGraphOf(srcDir: string): ImportEdge[] {
  const root = resolve(srcDir);
  const files: string[] = [];
  (function walk(dir: string): void {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.(spec|e2e-spec|test)\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
    }
  })(root);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), ref.fileName);
      if (!target.startsWith(root + sep)) continue;
      edges.push({ from: toPosix(relative(root, file)), to: toPosix(relative(root, target)) });
    }
  }
  return edges;
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** The top-level folder of `src/` a file belongs to, or null for files at the root (main.ts, app.module.ts). */
export function folderOf(path: string): string | null {
  const parts = path.split('/');
  return parts.length > 1 ? parts[0] : null;
}

/** Folders below every feature: they import no feature. */
const BASE_FOLDERS = new Set(['common', 'config']);
/** The command-line entry point: only it (and the root) may import it. */
const CLI_FOLDER = 'cli';

export interface Violation {
  rule: 'cycle' | 'base-imports-feature' | 'feature-imports-cli' | 'controller-imports-foreign-repository';
  detail: string;
}

/**
 * The layout rules of CONVENTIONS.md over an import graph:
 *  - no cycle between top-level folders (features, common, config, database, cli...);
 *  - `common` and `config` import only each other;
 *  - no folder but `cli` imports `cli`;
 *  - a controller imports no repository of another folder (it calls that feature's service).
 */
export function checkImportRules(edges: ImportEdge[]): Violation[] {
  const violations: Violation[] = [];
  const folderEdges = new Map<string, string>(); // "a->b" -> an example import
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (/\.controller(\.ts)?$/.test(e.from) && /\.repository(\.ts)?$/.test(e.to) && a !== b) {
      violations.push({ rule: 'controller-imports-foreign-repository', detail: `${e.from} imports ${e.to}` });
    }
    if (a === null || b === null || a === b) continue;
    const key = `${a}->${b}`;
    if (!folderEdges.has(key)) folderEdges.set(key, `${e.from} imports ${e.to}`);
  }
  for (const [key, example] of folderEdges) {
    const [a, b] = key.split('->');
    if (BASE_FOLDERS.has(a) && !BASE_FOLDERS.has(b)) violations.push({ rule: 'base-imports-feature', detail: `${key} (${example})` });
    if (b === CLI_FOLDER) violations.push({ rule: 'feature-imports-cli', detail: `${key} (${example})` });
  }
  for (const component of stronglyConnected(folderEdges)) {
    const inside = [...folderEdges].filter(([k]) => k.split('->').every((f) => component.includes(f)));
    violations.push({ rule: 'cycle', detail: `${component.join(' <-> ')}: ${inside.map(([k, ex]) => `${k} (${ex})`).join('; ')}` });
  }
  return violations;
}

/** Tarjan's algorithm: the folder groups (of two or more) that import each other in a circle. */
function stronglyConnected(folderEdges: Map<string, string>): string[][] {
  const adj = new Map<string, string[]>();
  for (const key of folderEdges.keys()) {
    const [a, b] = key.split('->');
    if (!adj.has(a)) adj.set(a, []);
    if (!adj.has(b)) adj.set(b, []);
    adj.get(a)!.push(b);
  }
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of adj.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of [...adj.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}
