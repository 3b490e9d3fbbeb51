/**
 * The app under benchmark, in a child process of its own (so its memory and CPU are its own): the
 * compiled JavaScript `npm start` runs, built here once per benchmark process by `npm run build`
 * and started by bench/app-server.js under plain node. Answers 'mem' with its memory and CPU and
 * stops on 'stop'. Its port comes back with `appPort`.
 */
import { ChildProcess, execFileSync, fork } from 'node:child_process';
import { join } from 'node:path';

let built = false;

/** `npm run build` (tsc, ~10 s), once per process, so dist/ is the code checked out now. */
function buildApp(): void {
  if (built) return;
  const started = performance.now();
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: join(__dirname, '..'), stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
  process.stdout.write(`(app built by npm run build in ${((performance.now() - started) / 1000).toFixed(1)} s; the benchmark runs dist/ as npm start does)\n`);
}

export function forkApp(env: NodeJS.ProcessEnv, execArgv: string[] = []): ChildProcess {
  buildApp();
  return fork(join(__dirname, 'app-server.js'), [], { execArgv, env });
}

/** The loopback port the app listens on, once it does (rejects if it exits first). */
export function appPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.on('message', (m: { port?: number }) => m.port && resolve(m.port));
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}
