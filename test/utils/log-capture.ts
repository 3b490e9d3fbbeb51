import { Writable } from 'node:stream';

/** A pino destination that keeps every JSON line, so tests can search the logs. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }

  get text(): string {
    return this.lines.join('\n');
  }

  parsed(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}
