/**
 * MICROSOFT_APP_CERTIFICATE_KEY_FILE is read when the bot starts: a key MSAL can sign with comes
 * back as PKCS#8 PEM; anything else stops the start with a ConfigError naming the setting, and
 * never shows the file's content.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { ConfigError } from '../../../src/config';
import { readCertificateKeyFile } from '../../../src/server/certificate-key-file';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-key-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

function file(name: string, content: string): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, content);
  return at;
}

/** Whether `pem` is the private half of `publicKey`. */
const matches = (pem: string, publicKey: KeyObject): boolean =>
  createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' }).equals(publicKey.export({ type: 'spki', format: 'der' }));

function refusal(at: string): string {
  try {
    readCertificateKeyFile(at);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].variable).toBe('MICROSOFT_APP_CERTIFICATE_KEY_FILE');
    return error.problems[0].message;
  }
  throw new Error(`expected ${at} to be refused`);
}

describe('the certificate key file', () => {
  it.each([
    ['PKCS#8', 'pkcs8'],
    ['PKCS#1', 'pkcs1'],
  ] as const)('takes an RSA key in %s PEM, as PKCS#8', (_name, type) => {
    const pem = readCertificateKeyFile(file(`${type}.pem`, rsa.privateKey.export({ type, format: 'pem' }).toString()));
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(matches(pem, rsa.publicKey)).toBe(true);
  });

  it('takes the key out of a bundle that holds the certificate first', async () => {
    const pems = await generate([{ name: 'commonName', value: 'bot' }], { keySize: 2048 });
    const pem = readCertificateKeyFile(file('bundle.pem', `${pems.cert}\n${pems.private}`));
    expect(matches(pem, createPublicKey(pems.public))).toBe(true);
  });

  it('refuses a file that cannot be read, naming it and why', () => {
    const missing = path.join(dir, 'missing.pem');
    expect(refusal(missing)).toBe(`MICROSOFT_APP_CERTIFICATE_KEY_FILE must be a readable PEM file, got ${JSON.stringify(missing)} (ENOENT)`);
  });

  it('refuses a file without a private key, an encrypted key, a broken one and a key that is not RSA, without showing the content', () => {
    const encrypted = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret-pass' }).toString();
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const broken = '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n';
    const cases: [string, string, RegExp][] = [
      ['public-key.pem', rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(), /must hold a private key in PEM/],
      ['encrypted.pem', encrypted, /must hold an unencrypted private key \(MSAL takes no passphrase\)/],
      ['broken.pem', broken, /must hold a private key in PEM that can be read/],
      ['ec.pem', ec, /must hold an RSA private key .*not ec/],
    ];
    for (const [name, content, why] of cases) {
      const message = refusal(file(name, content));
      expect(message).toMatch(why);
      expect(message).toContain(JSON.stringify(path.join(dir, name)));
      expect(message).not.toContain(content.split('\n')[1]);
    }
  });
});
