import { apiKeyId, apiKeyMatches, hashApiKey, newApiKey, newSigningSecret } from './channel-credentials';

describe('channel credentials', () => {
  it('an API key carries its key id and matches only its own hash', () => {
    const { keyId, apiKey } = newApiKey();
    expect(apiKeyId(apiKey)).toBe(keyId);
    expect(apiKeyMatches(apiKey, hashApiKey(apiKey))).toBe(true);
    const other = newApiKey().apiKey;
    expect(apiKeyMatches(other, hashApiKey(apiKey))).toBe(false);
    expect(hashApiKey(apiKey)).not.toContain(apiKey.slice(21));
  });

  it('refuses malformed keys', () => {
    for (const bad of [undefined, 42, '', 'tlk_x_y', `tlk_${'a'.repeat(16)}_short`, 'x'.repeat(500)]) expect(apiKeyId(bad)).toBeNull();
  });

  it('secrets are fresh each time', () => {
    expect(newSigningSecret()).not.toBe(newSigningSecret());
    expect(newSigningSecret()).toMatch(/^tls_[A-Za-z0-9_-]{43}$/);
  });
});
