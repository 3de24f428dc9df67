/**
 * A local stand-in for Bot Framework's OpenID metadata, so token validation runs as in production
 * without a network; and tokens signed by it (trusted) or by another key (forged).
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenIssuer {
  metadataUrl: string;
  /** A channel token signed with the trusted key (or `key`), with these claims over sane defaults. */
  token(claims?: Record<string, unknown>, key?: KeyObject, kid?: string): string;
  /** A key the bot does not trust. */
  forger: KeyObject;
  close(): Promise<void>;
}

export async function startTokenIssuer(): Promise<TokenIssuer> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'local-test-key';
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', endorsements: ['msteams'] };
  let base = '';
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return {
    metadataUrl: `${base}/.well-known/openidconfiguration`,
    forger,
    token(claims = {}, key = privateKey, keyId = kid) {
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid: keyId })}.${part({ iss: 'https://api.botframework.com', exp: now + 3600, nbf: now - 60, ...claims })}`;
      return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
