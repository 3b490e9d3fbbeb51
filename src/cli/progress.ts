import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  increment(by?: number): void;
  setTotal(total: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr for long CLI commands. Off a terminal (CI, pipes) it prints a plain
 * line now and then instead of redrawing, so logs stay readable.
 */
export function startProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
      stream,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      hideCursor: stream.isTTY ? true : null,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    increment: (by = 1) => bar.increment(by),
    setTotal: (t) => bar.setTotal(t),
    stop: () => bar.stop(),
  };
}
