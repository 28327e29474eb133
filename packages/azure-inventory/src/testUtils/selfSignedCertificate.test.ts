import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSelfSignedCertificate } from './selfSignedCertificate';

describe('createSelfSignedCertificate', () => {
  it('makes a self-signed CA certificate for 127.0.0.1 and localhost', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    const { cert, key } = createSelfSignedCertificate('fake.local', 2, now);
    const x509 = new X509Certificate(cert);
    expect(x509.subject).toBe('CN=fake.local');
    expect(x509.issuer).toBe('CN=fake.local');
    expect(x509.ca).toBe(true);
    expect(x509.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(new Date(x509.validFrom).toISOString()).toBe(
      '2025-03-10T11:00:00.000Z',
    );
    expect(new Date(x509.validTo).toISOString()).toBe(
      '2025-03-12T12:00:00.000Z',
    );
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });
});
