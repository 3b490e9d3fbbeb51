import { Global, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/env';
import { CryptoRepository } from './crypto.repository';
import { CryptoService, MASTER_KEY_RING } from './crypto.service';
import { KeyRotationService } from './key-rotation.service';
import { loadMasterKeyRing } from './master-keys';

/** Encryption at rest for every feature (@Global): CryptoService. */
@Global()
@Module({
  providers: [
    {
      provide: MASTER_KEY_RING,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadMasterKeyRing(config, (m) => new Logger('CryptoModule').warn(m)),
    },
    CryptoRepository,
    CryptoService,
    KeyRotationService,
  ],
  exports: [CryptoService, KeyRotationService],
})
export class CryptoModule {}
