import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CryptoService } from '../crypto/crypto.service';

type SecretColumn = 'totp_secret' | 'totp_pending_secret';

/** TOTP secrets are encrypted with the account's own data key (aad: table, column, account id). */
@Injectable()
export class TotpSecrets {
  constructor(private readonly crypto: CryptoService) {}

  createKey(manager: EntityManager): Promise<string> {
    return this.crypto.createDataKey(manager);
  }

  seal(manager: EntityManager, dataKeyId: string, accountId: string, column: SecretColumn, secret: string): Promise<Buffer> {
    return this.crypto.encrypt(manager, dataKeyId, { table: 'staff_accounts', column, rowId: accountId }, secret);
  }

  async open(manager: EntityManager, dataKeyId: string, accountId: string, column: SecretColumn, sealed: Buffer): Promise<string | null> {
    const plain = await this.crypto.decrypt(manager, dataKeyId, { table: 'staff_accounts', column, rowId: accountId }, sealed);
    return plain ? plain.toString('utf8') : null;
  }
}
