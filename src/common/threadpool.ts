import { availableParallelism } from 'node:os';

/**
 * Sizes libuv's threadpool to the machine's CPUs unless UV_THREADPOOL_SIZE is set. argon2id
 * (receipts, staff passwords) runs there and is CPU- and memory-bound: Node's default of 4
 * threads on a 2-CPU machine runs 4 hashes of 19 MiB at once, which costs more CPU per hash
 * (cache misses, switching) and memory without any gain, and on a larger machine 4 would cap
 * hashing at 4 CPUs. libuv creates the pool on first use, so call this before any async work.
 */
export function sizeThreadpoolToCpus(env: NodeJS.ProcessEnv = process.env, cpus = availableParallelism()): string {
  if (!env.UV_THREADPOOL_SIZE) env.UV_THREADPOOL_SIZE = String(Math.min(Math.max(cpus, 2), 128));
  return env.UV_THREADPOOL_SIZE;
}
