import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers';
import { CACHE_RULES, apacheConfig, nginxConfig } from './server-config';

/** The `location` blocks of the nginx snippet, by their match. */
function nginxLocations(config: string): Map<string, string> {
  return new Map([...config.matchAll(/^location ([^{]+) \{\n([\s\S]*?)^\}/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('web-server configuration', () => {
  it('nginx: every location sends every security header (nginx does not inherit add_header)', () => {
    const locations = nginxLocations(nginxConfig());
    expect([...locations.keys()]).toEqual(['/', ...CACHE_RULES.map((rule) => `^~ ${rule.prefix}`)]);
    for (const [match, body] of locations) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(body, `${match} ${name}`).toContain(`add_header ${name} "${value}" always;`);
      }
      expect(body.match(/add_header Cache-Control /g), match).toHaveLength(1);
    }
    expect(locations.get('^~ /config/')).toContain('add_header Cache-Control "no-store" always;');
  });

  it('apache: every security header once, and cache rules per path', () => {
    const config = apacheConfig();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(config.split(`Header always set ${name} "${value}"`)).toHaveLength(2);
    }
    expect(config).toContain(
      '<If "%{REQUEST_URI} =~ m#^/config/#">\n  Header always set Cache-Control "no-store"\n</If>',
    );
    expect(config).toContain('RemoveEncoding .gz');
  });

  it('carries the CSP with frame-ancestors, which a meta tag cannot set', () => {
    for (const config of [nginxConfig(), apacheConfig()]) {
      expect(config).toContain(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
      expect(config).toContain('camera=(self), usb=(self)');
    }
  });
});
