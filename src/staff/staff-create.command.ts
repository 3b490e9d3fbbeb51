import { Command, CommandRunner, Option } from 'nest-commander';
import { ROLES, Role } from '../auth/auth.decorators';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { systemContext } from '../common/request-context';
import { StaffService } from './staff.service';
import { totpUri } from './totp';

interface StaffCreateOptions {
  username?: string;
  role?: string;
  unit?: string;
  displayName?: string;
  json?: boolean;
  changeRequired?: boolean;
}

/**
 * `npm run cli -- staff:create --username U --role R --unit CODE [--json] [--no-change-required]`:
 * bootstraps an account (the first admin of an installation, or scripted set-ups). Prints a
 * one-time password and the TOTP secret once; nothing else ever shows them again.
 */
@Command({ name: 'staff:create', description: 'Create a staff account; prints a one-time password and the TOTP secret' })
export class StaffCreateCommand extends CommandRunner {
  constructor(private readonly staff: StaffService) {
    super();
  }

  @Option({ flags: '--username <username>', description: 'login name (3..64 of a-z 0-9 . _ -)' })
  parseUsername(v: string): string {
    return v;
  }

  @Option({ flags: '--role <role>', description: `one of ${ROLES.join(', ')}` })
  parseRole(v: string): string {
    return v;
  }

  @Option({ flags: '--unit <code>', description: 'the code of the unit (e.g. PC04-24)' })
  parseUnit(v: string): string {
    return v;
  }

  @Option({ flags: '--display-name <name>', description: 'shown name (default: the username)' })
  parseDisplayName(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print { "username", "password", "totpSecret", "recoveryCodes" } as JSON' })
  parseJson(): boolean {
    return true;
  }

  @Option({ flags: '--no-change-required', description: 'do not require a password change at first login' })
  parseChangeRequired(): boolean {
    // commander calls this only when --no-change-required is given (with no value)
    return false;
  }

  async run(_: string[], options: StaffCreateOptions): Promise<void> {
    const missing = (['username', 'role', 'unit'] as const).filter((k) => !options[k]);
    if (missing.length > 0) {
      process.stderr.write(`staff:create needs ${missing.map((m) => `--${m}`).join(', ')}\n`);
      process.exitCode = 2;
      return;
    }
    try {
      const created = await this.staff.create(systemContext('cli:staff:create'), {
        username: options.username!,
        displayName: options.displayName,
        role: options.role as Role,
        unitCode: options.unit!,
        mustChangePassword: options.changeRequired !== false,
      });
      const username = created.account.username;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ username, password: created.password, totpSecret: created.totpSecret, recoveryCodes: created.recoveryCodes })}\n`);
        return;
      }
      process.stdout.write(
        [
          `created ${created.account.role} ${username} in unit ${options.unit}`,
          `one-time password: ${created.password}`,
          created.account.mustChangePassword ? '  (must be changed at first login)' : '  (no change required at first login)',
          `TOTP secret:       ${created.totpSecret}`,
          `otpauth URL:       ${totpUri(username, created.totpSecret)}`,
          `recovery codes:    ${created.recoveryCodes.join(' ')}`,
          'They are shown only now.',
          '',
        ].join('\n'),
      );
    } catch (e) {
      if (e instanceof DomainError) {
        const details = Array.isArray(e.details) ? (e.details as FieldProblem[]).map((d) => ` ${d.field}: ${d.message}`).join(';') : '';
        process.stderr.write(`staff:create failed: ${e.message}${details}\n`);
        process.exitCode = 1;
        return;
      }
      throw e;
    }
  }
}
