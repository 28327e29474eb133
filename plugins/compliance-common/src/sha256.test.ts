import { createHash } from 'crypto';
import { sha256Hex, utf8Bytes } from './sha256';

describe('sha256Hex', () => {
  // FIPS 180-4 / NIST CSHS example vectors.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'a'.repeat(1_000_000),
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    ],
  ])('hashes a %#-th test vector', (input, digest) => {
    expect(sha256Hex(input)).toBe(digest);
  });

  it.each([
    'x'.repeat(55),
    'x'.repeat(56),
    'x'.repeat(63),
    'x'.repeat(64),
    'x'.repeat(119),
    'Größe – 45 CFR § 164.312 🔐',
    '\ud800 lone surrogate',
  ])(
    'agrees with node:crypto around block boundaries and on non-ASCII (%#)',
    input => {
      expect(sha256Hex(input)).toBe(
        createHash('sha256').update(input, 'utf8').digest('hex'),
      );
    },
  );

  it('encodes UTF-8 like Buffer does', () => {
    const text = 'é€😀';
    expect(Array.from(utf8Bytes(text))).toEqual(
      Array.from(Buffer.from(text, 'utf8')),
    );
  });
});
