import fs from 'node:fs';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { ConfigError } from '../config';

const SETTING = 'MICROSOFT_APP_CERTIFICATE_KEY_FILE';

/**
 * The bot certificate's private key (MICROSOFT_APP_CERTIFICATE_KEY_FILE), read once at start and
 * checked as MSAL will use it (an RSA key that signs RS256 client assertions, no passphrase), so a
 * bad file stops the start instead of failing the first reply. Returned as PKCS#8 PEM whatever the
 * file held (PKCS#1 or PKCS#8, alone or beside its certificate).
 */
export function readCertificateKeyFile(file: string): string {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError([{ variable: SETTING, message: `${SETTING} must be a readable PEM file, got ${JSON.stringify(file)} (${reason})` }]);
  }
  const refuse = (what: string): never => {
    throw new ConfigError([{ variable: SETTING, message: `${SETTING} must hold ${what}, got ${JSON.stringify(file)} (its content is not shown: it is a secret)` }]);
  };
  // The key block alone: a bundle may hold the certificate first, which OpenSSL would not skip.
  const block = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/.exec(pem);
  if (!block) return refuse('a private key in PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)');
  if (block[1] === 'ENCRYPTED ' || /^Proc-Type: 4,ENCRYPTED/m.test(block[0])) return refuse('an unencrypted private key (MSAL takes no passphrase)');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: block[0], format: 'pem' });
  } catch {
    return refuse('a private key in PEM that can be read');
  }
  if (key.asymmetricKeyType !== 'rsa') return refuse(`an RSA private key (Microsoft Entra certificate credentials sign with RSA), not ${key.asymmetricKeyType ?? 'another kind of key'}`);
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}
