/**
 * `npx ts-node --transpile-only bench/login-timing.ts`: how long a failed login's password check
 * takes for a known account (its real hash) and for an unknown username (the dummy hash), so a
 * reviewer can see that the two paths cost the same. Prints figures; asserts nothing (the
 * behavioural guarantee, one argon2id verification on both paths, is in test/staff/auth.e2e-spec.ts).
 */
import { dummyHash, hashPassword, verifyPassword } from '../src/staff/password-hasher';

async function main(): Promise<void> {
  const runs = Number(process.env.RUNS ?? 15);
  const real = await hashPassword('the-real-password-123');
  const dummy = await dummyHash();
  const time = async (hash: string) => {
    const start = process.hrtime.bigint();
    await verifyPassword(hash, 'wrong-password-123');
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < runs; i++) {
    known.push(await time(real));
    unknown.push(await time(dummy));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const k = median(known);
  const u = median(unknown);
  process.stdout.write(`failed login password check, median of ${runs}: known account ${k.toFixed(1)} ms, unknown username ${u.toFixed(1)} ms, ratio ${(u / k).toFixed(2)}\n`);
}

void main();
