import { describe, expect, it } from 'vitest';
import { bridgePortFromQuery, bridgeUrl } from './bridge-query';
import { BRIDGE_DEFAULT_PORT } from './protocol';

describe('bridge launch setting', () => {
  it.each([
    ['', null],
    ['?bridge=0', null],
    ['?bridge=1', BRIDGE_DEFAULT_PORT],
    ['?bridge=on', BRIDGE_DEFAULT_PORT],
    ['?bridge=48000', 48000],
    ['?bridge=80', null],
    ['?bridge=70000', null],
    ['?bridge=evil.example', null],
  ])('%s → %s', (search, port) => {
    expect(bridgePortFromQuery(search)).toBe(port);
  });

  it('always names loopback by address', () => {
    expect(bridgeUrl(48000)).toBe('ws://127.0.0.1:48000/');
  });
});
