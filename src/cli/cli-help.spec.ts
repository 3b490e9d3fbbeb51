import { Command, CommandRunner, Option } from 'nest-commander';
import { describeCommand, helpFor, renderHelp } from './cli-help';
import { CLI_COMMANDS } from './cli.module';

@Command({ name: 'demo:run', arguments: '<ref>', description: 'Run the demo' })
class DemoCommand extends CommandRunner {
  async run(): Promise<void> {}
  @Option({ flags: '--json', description: 'as JSON' })
  json(): boolean {
    return true;
  }
}

describe('CLI help', () => {
  it('reads a command, its arguments and options from the decorators alone', () => {
    expect(describeCommand(DemoCommand)).toEqual({ name: 'demo:run', arguments: '<ref>', description: 'Run the demo', options: [{ flags: '--json', description: 'as JSON' }] });
  });

  it('lists every command of the CLI module, one line each', () => {
    const commands = CLI_COMMANDS.map(describeCommand);
    const text = renderHelp(commands);
    for (const c of commands) expect(text.split('\n').filter((l) => l.trim().startsWith(`${c.name} `))).toHaveLength(1);
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['db:migrate', 'audit:verify', 'staff:create', 'keys:rotate', 'retention:run']));
  });

  it('decides when help is asked for, and what exit code it has', () => {
    const commands = [describeCommand(DemoCommand)];
    expect(helpFor([], commands)?.code).toBe(0);
    expect(helpFor(['--help'], commands)?.code).toBe(0);
    expect(helpFor(['help'], commands)?.code).toBe(0);
    expect(helpFor(['demo:run', '--help'], commands)?.text).toContain('--json  as JSON');
    expect(helpFor(['nope'], commands)).toMatchObject({ code: 1, text: expect.stringContaining('unknown command nope') });
    expect(helpFor(['demo:run', 'REF-1'], commands)).toBeUndefined();
  });
});
