import { generateKeyPairSync, sign } from 'node:crypto';

/*
 * A minimal DER writer for one self-signed X.509 v3 certificate (RFC 5280):
 * node's crypto makes keys and signatures but not certificates, and the
 * fake only needs a P-256 certificate for 127.0.0.1 and localhost.
 */

function length(n: number): Buffer {
  if (n < 0x80) {
    return Buffer.from([n]);
  }
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) {
    bytes.unshift(rest & 0xff);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
const set = (...content: Buffer[]) => tlv(0x31, ...content);
const octetString = (content: Buffer) => tlv(0x04, content);
const bitString = (content: Buffer) => tlv(0x03, Buffer.from([0]), content);
const utf8String = (value: string) => tlv(0x0c, Buffer.from(value, 'utf8'));
const booleanTrue = () => tlv(0x01, Buffer.from([0xff]));

function integer(bytes: Buffer): Buffer {
  // DER integers are signed: a leading 1 bit needs a zero byte in front.
  return tlv(
    0x02,
    bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes,
  );
}

function objectIdentifier(oid: string): Buffer {
  const [first, second, ...rest] = oid.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const encoded = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) {
      encoded.unshift((value & 0x7f) | 0x80);
    }
    bytes.push(...encoded);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14);
  return tlv(0x17, Buffer.from(`${text}Z`, 'ascii'));
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const BASIC_CONSTRAINTS = '2.5.29.19';
const SUBJECT_ALT_NAME = '2.5.29.17';

export interface SelfSignedCertificate {
  /** PEM certificate: serve it, and trust it as the CA. */
  cert: string;
  /** PEM private key (PKCS #8). */
  key: string;
}

/** A P-256 certificate for `127.0.0.1` and `localhost`, valid from an hour ago for `days`. */
export function createSelfSignedCertificate(
  commonName: string,
  days = 7,
  now = new Date(),
): SelfSignedCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
  });
  const name = sequence(
    set(sequence(objectIdentifier(COMMON_NAME), utf8String(commonName))),
  );
  const algorithm = sequence(objectIdentifier(ECDSA_WITH_SHA256));
  const serial = Buffer.from(
    `01${Date.now().toString(16).padStart(14, '0')}`,
    'hex',
  );
  const extensions = tlv(
    0xa3,
    sequence(
      sequence(
        objectIdentifier(BASIC_CONSTRAINTS),
        booleanTrue(),
        octetString(sequence(booleanTrue())),
      ),
      sequence(
        objectIdentifier(SUBJECT_ALT_NAME),
        octetString(
          sequence(
            tlv(0x87, Buffer.from([127, 0, 0, 1])),
            tlv(0x82, Buffer.from('localhost', 'ascii')),
          ),
        ),
      ),
    ),
  );
  const tbsCertificate = sequence(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    sequence(
      utcTime(new Date(now.getTime() - 60 * 60 * 1000)),
      utcTime(new Date(now.getTime() + days * 24 * 60 * 60 * 1000)),
    ),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbsCertificate, privateKey);
  const der = sequence(tbsCertificate, algorithm, bitString(signature));
  const base64 = der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
