/**
 * `npm run secrets:generate`: prints fresh values for every secret production requires, as
 * `NAME=value` lines for an env file (e.g. `npm run --silent secrets:generate > .env` for docker
 * compose). Needs no database. Keep the output as secret as the database itself: MASTER_KEYS and
 * RECEIPT_PEPPER are needed to read tips and receipts back; losing them loses that data.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

const masterKeyId = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
const { privateKey } = generateKeyPairSync('ed25519');
const lines = [
  `MASTER_KEYS=${masterKeyId}:${randomBytes(32).toString('base64')}`,
  `AUDIT_SIGNING_KEY=${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`,
  `RECEIPT_PEPPER=${randomBytes(32).toString('base64url')}`,
  `INTAKE_PROOF_SECRET=${randomBytes(32).toString('base64url')}`,
  `METRICS_TOKEN=${randomBytes(24).toString('base64url')}`,
  // docker-compose.yml's own PostgreSQL (the app gets it inside DATABASE_URL)
  `POSTGRES_PASSWORD=${randomBytes(24).toString('hex')}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
