import { sizeThreadpoolToCpus } from './threadpool';

describe('sizeThreadpoolToCpus', () => {
  it('uses the CPU count (at least 2) when UV_THREADPOOL_SIZE is unset', () => {
    expect(sizeThreadpoolToCpus({}, 2)).toBe('2');
    expect(sizeThreadpoolToCpus({}, 16)).toBe('16');
    expect(sizeThreadpoolToCpus({}, 1)).toBe('2');
    const env: NodeJS.ProcessEnv = {};
    sizeThreadpoolToCpus(env, 8);
    expect(env.UV_THREADPOOL_SIZE).toBe('8');
  });

  it('keeps an explicit UV_THREADPOOL_SIZE', () => {
    const env: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: '4' };
    expect(sizeThreadpoolToCpus(env, 2)).toBe('4');
    expect(env.UV_THREADPOOL_SIZE).toBe('4');
  });
});
