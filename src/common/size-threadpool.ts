/**
 * Imported FIRST by main.ts (and bench/intake.ts): importing the app's modules already queues
 * work on libuv's threadpool, which fixes its size, so sizing it after the imports is too late.
 */
import { sizeThreadpoolToCpus } from './threadpool';

sizeThreadpoolToCpus();
