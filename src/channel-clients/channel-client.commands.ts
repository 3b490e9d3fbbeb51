import { Injectable } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { systemContext } from '../common/request-context';
import { CHANNEL_KINDS } from './channel-client.entity';
import { ChannelClientsService, ChannelCredentials } from './channel-clients.service';

interface Options {
  kind?: string;
  name?: string;
  url?: string;
  signingSecretEnv?: string;
  json?: boolean;
}

/** Runs a command body; a domain error becomes a message on stderr and exit code 1. */
async function guarded(command: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const details = Array.isArray(e.details) ? (e.details as FieldProblem[]).map((d) => ` ${d.field}: ${d.message}`).join(';') : '';
    process.stderr.write(`${command} failed: ${e.message}${details}\n`);
    process.exitCode = 1;
  }
}

/** A secret handed in through an environment variable (never on the command line, where `ps` shows it). */
function secretFromEnv(name: string | undefined): string | null | undefined {
  if (!name) return null;
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : v;
}

function printCredentials(c: ChannelCredentials, json: boolean | undefined, verb: string): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ id: c.id, kind: c.kind, name: c.name, apiKey: c.apiKey, signingSecret: c.signingSecret, publicUrl: c.publicUrl })}\n`);
    return;
  }
  process.stdout.write(
    [
      `${verb} ${c.kind} channel client ${c.name} (${c.id})`,
      `API key:        ${c.apiKey}`,
      `signing secret: ${c.signingSecret}`,
      ...(c.publicUrl ? [`public URL:     ${c.publicUrl}`] : []),
      'Both are shown only now: the key is stored hashed, the secret encrypted.',
      '',
    ].join('\n'),
  );
}

/** @Injectable so that its constructor's parameter types are emitted for the subclasses' injection. */
@Injectable()
abstract class ChannelCommand extends CommandRunner {
  constructor(protected readonly clients: ChannelClientsService) {
    super();
  }

  @Option({ flags: '--name <name>', description: 'the client name (2..64 of a-z 0-9 . _ -)' })
  parseName(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

/**
 * `npm run cli -- channel:create --kind hotline|sms|open311 --name NAME [--url URL] [--signing-secret-env VAR] [--json]`:
 * prints the API key and the signing secret once. An SMS client needs the public URL its
 * gateway calls; a Twilio account's auth token can be handed in with --signing-secret-env.
 */
@Command({ name: 'channel:create', description: 'Create a channel client; prints its API key and signing secret once' })
export class ChannelCreateCommand extends ChannelCommand {
  @Option({ flags: '--kind <kind>', description: `one of ${CHANNEL_KINDS.join(', ')}` })
  parseKind(v: string): string {
    return v;
  }

  @Option({ flags: '--url <url>', description: 'sms: the public URL the gateway posts to (what X-Twilio-Signature covers)' })
  parseUrl(v: string): string {
    return v;
  }

  @Option({ flags: '--signing-secret-env <var>', description: 'take the signing secret from this environment variable (e.g. a Twilio auth token)' })
  parseSecretEnv(v: string): string {
    return v;
  }

  async run(_: string[], o: Options): Promise<void> {
    const missing = (['kind', 'name'] as const).filter((k) => !o[k]);
    if (missing.length) {
      process.stderr.write(`channel:create needs ${missing.map((m) => `--${m}`).join(', ')}\n`);
      process.exitCode = 2;
      return;
    }
    const secret = secretFromEnv(o.signingSecretEnv);
    if (secret === undefined) {
      process.stderr.write(`channel:create: the environment variable ${o.signingSecretEnv} is empty\n`);
      process.exitCode = 2;
      return;
    }
    await guarded('channel:create', async () => {
      const c = await this.clients.create(systemContext('cli:channel:create'), { kind: o.kind!, name: o.name!, publicUrl: o.url ?? null, signingSecret: secret });
      printCredentials(c, o.json, 'created');
    });
  }
}

@Command({ name: 'channel:list', description: 'List channel clients (never their credentials)' })
export class ChannelListCommand extends ChannelCommand {
  async run(_: string[], o: Options): Promise<void> {
    const all = await this.clients.list();
    if (o.json) {
      process.stdout.write(`${JSON.stringify(all)}\n`);
      return;
    }
    if (all.length === 0) process.stdout.write('no channel clients\n');
    for (const c of all) process.stdout.write(`${c.kind.padEnd(8)} ${c.name.padEnd(24)} ${c.status.padEnd(9)} key ${c.keyId}${c.publicUrl ? ` ${c.publicUrl}` : ''}\n`);
  }
}

@Command({ name: 'channel:disable', description: 'Disable a channel client: its deliveries are refused from now on' })
export class ChannelDisableCommand extends ChannelCommand {
  async run(_: string[], o: Options): Promise<void> {
    if (!o.name) {
      process.stderr.write('channel:disable needs --name\n');
      process.exitCode = 2;
      return;
    }
    await guarded('channel:disable', async () => {
      const c = await this.clients.disable(systemContext('cli:channel:disable'), o.name!);
      process.stdout.write(o.json ? `${JSON.stringify(c)}\n` : `disabled ${c.kind} channel client ${c.name}\n`);
    });
  }
}

@Command({ name: 'channel:rotate', description: 'Replace a channel client’s API key and signing secret; prints the new ones once' })
export class ChannelRotateCommand extends ChannelCommand {
  @Option({ flags: '--signing-secret-env <var>', description: 'take the new signing secret from this environment variable' })
  parseSecretEnv(v: string): string {
    return v;
  }

  async run(_: string[], o: Options): Promise<void> {
    if (!o.name) {
      process.stderr.write('channel:rotate needs --name\n');
      process.exitCode = 2;
      return;
    }
    const secret = secretFromEnv(o.signingSecretEnv);
    if (secret === undefined) {
      process.stderr.write(`channel:rotate: the environment variable ${o.signingSecretEnv} is empty\n`);
      process.exitCode = 2;
      return;
    }
    await guarded('channel:rotate', async () => printCredentials(await this.clients.rotate(systemContext('cli:channel:rotate'), o.name!, secret), o.json, 'rotated'));
  }
}

export const CHANNEL_COMMANDS = [ChannelCreateCommand, ChannelListCommand, ChannelDisableCommand, ChannelRotateCommand];
