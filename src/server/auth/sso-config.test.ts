import { describe, expect, it } from 'vitest';
import { parseSsoConfig } from './sso-config';

const ALL = { OMAPOLKU_OIDC_ISSUER: 'https://login.microsoftonline.com/0000/v2.0', OMAPOLKU_OIDC_CLIENT_ID: 'omapolku', OMAPOLKU_OIDC_CLIENT_SECRET: 's3cret' };

describe('parseSsoConfig', () => {
  it('is off without any of the settings', () => {
    expect(parseSsoConfig({})).toBeNull();
  });

  it('reads the three settings, https only', () => {
    expect(parseSsoConfig(ALL)).toEqual({ issuer: ALL.OMAPOLKU_OIDC_ISSUER, clientId: 'omapolku', clientSecret: 's3cret', allowHttp: false });
  });

  it('stops the server at a half-done setting, naming what is missing', () => {
    expect(() => parseSsoConfig({ OMAPOLKU_OIDC_ISSUER: ALL.OMAPOLKU_OIDC_ISSUER })).toThrow(/OMAPOLKU_OIDC_CLIENT_ID, OMAPOLKU_OIDC_CLIENT_SECRET/);
    expect(() => parseSsoConfig({ OMAPOLKU_OIDC_CLIENT_ID: 'x', OMAPOLKU_OIDC_CLIENT_SECRET: 'y' })).toThrow(/OMAPOLKU_OIDC_ISSUER/);
  });

  it('refuses an issuer that is no URL, has a query, or is plain http without OMAPOLKU_OIDC_ALLOW_HTTP=1', () => {
    expect(() => parseSsoConfig({ ...ALL, OMAPOLKU_OIDC_ISSUER: 'login.example.fi' })).toThrow(/not a URL/);
    expect(() => parseSsoConfig({ ...ALL, OMAPOLKU_OIDC_ISSUER: 'https://idp.example.fi/?tenant=1' })).toThrow(/query/);
    expect(() => parseSsoConfig({ ...ALL, OMAPOLKU_OIDC_ISSUER: 'http://127.0.0.1:9000' })).toThrow(/https/);
    expect(parseSsoConfig({ ...ALL, OMAPOLKU_OIDC_ISSUER: 'http://127.0.0.1:9000', OMAPOLKU_OIDC_ALLOW_HTTP: '1' })?.allowHttp).toBe(true);
  });
});
