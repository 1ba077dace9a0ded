import { describe, expect, it } from 'vitest';
import { oneAtATime } from './one-at-a-time';

describe('oneAtATime', () => {
  it('starts a call only when the one before it has ended, in the order called, failed or not', async () => {
    const log: string[] = [];
    const ends: Record<string, () => void> = {};
    const read = oneAtATime(
      (name: string) =>
        new Promise<string>((resolve, reject) => {
          log.push(`start ${name}`);
          ends[name] = () => {
            if (name === 'a') reject(new Error('worker gone'));
            else resolve(name);
          };
        }),
    );
    const a = read('a');
    const b = read('b');
    const c = read('c');
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['start a']);
    ends.a?.();
    await expect(a).rejects.toThrow('worker gone');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['start a', 'start b']);
    ends.b?.();
    expect(await b).toBe('b');
    await new Promise((resolve) => setTimeout(resolve, 0));
    ends.c?.();
    expect(await c).toBe('c');
    expect(log).toEqual(['start a', 'start b', 'start c']);
  });
});
