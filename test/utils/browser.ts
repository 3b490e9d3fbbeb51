import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Browser, chromium, LaunchOptions } from 'playwright-core';

/** Debian's Chromium, used when it is installed (apt-get install chromium). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on a machine with a closed network (no background connections,
 * no component updates) running as root (no sandbox).
 */
const COMMON_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Flags of @sparticuz/chromium (made for serverless functions) left out: those that would weaken
 * what the tests check (same-origin policy, mixed content), and --single-process, with which the
 * second browser context of a run never gets a page.
 */
const DROPPED_ARGS = new Set(['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials', '--single-process']);

export interface BrowserChoice {
  executablePath: string;
  args: string[];
  /** Where it came from, for error messages. */
  source: string;
}

const REPO = path.resolve(__dirname, '..', '..');

/**
 * The Chromium that the devDependency @sparticuz/chromium ships (brotli-compressed in the
 * package, so `npm ci` brings it): unpacked once into `.data/chromium-<version>/` of this
 * checkout. The package is ESM-only and unpacks into os.tmpdir(), so a child `node` (the same
 * Node that runs jest) does it with TMPDIR pointing at a folder of our own, which is then renamed
 * into place: parallel jest workers never see a half-written binary, and no other user's /tmp
 * file is ever trusted.
 */
export function bundledChromium(): BrowserChoice {
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(REPO, '.data', `chromium-${pkg.version}`);
  const script =
    "import c from '@sparticuz/chromium'; const p = await c.executablePath(); process.stdout.write(JSON.stringify({ path: p, args: c.args }));";
  const resolve = (tmp: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: REPO,
        env: { ...process.env, TMPDIR: tmp },
        encoding: 'utf8',
        timeout: 180_000,
      }),
    ) as { path: string; args: string[] };
  if (!existsSync(path.join(dir, 'chromium'))) {
    const staging = `${dir}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true, mode: 0o700 });
    resolve(staging);
    try {
      renameSync(staging, dir);
    } catch {
      // another worker finished first: use theirs
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const found = resolve(dir);
  if (path.dirname(found.path) !== dir) throw new Error(`@sparticuz/chromium unpacked into ${found.path}, expected ${dir}`);
  const args = found.args.filter((a) => !DROPPED_ARGS.has(a) && !a.startsWith('--headless'));
  return { executablePath: found.path, args: [...COMMON_ARGS, ...args], source: `@sparticuz/chromium ${pkg.version} (${dir})` };
}

/**
 * The browser for tests: Debian's Chromium where it is installed, otherwise the one that comes
 * with `npm ci` (@sparticuz/chromium). TIPLINE_TEST_BROWSER=bundled forces the second, to test
 * that path on a machine that has both.
 */
export function chooseBrowser(env: NodeJS.ProcessEnv = process.env, systemPath = SYSTEM_CHROMIUM): BrowserChoice {
  if (env.TIPLINE_TEST_BROWSER !== 'bundled' && existsSync(systemPath)) {
    return { executablePath: systemPath, args: COMMON_ARGS, source: `Debian's Chromium (${systemPath})` };
  }
  return bundledChromium();
}

/** A headless Chromium driven by playwright-core (see chooseBrowser). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const choice = chooseBrowser();
  try {
    return await chromium.launch({ headless: true, ...options, executablePath: choice.executablePath, args: [...choice.args, ...(options.args ?? [])] });
  } catch (e) {
    throw new Error(`the test browser, ${choice.source}, did not start: ${(e as Error).message.split('\n')[0]}`);
  }
}
