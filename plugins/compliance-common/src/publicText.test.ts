import { publicErrorText, publicInventoryOrigin } from './publicText';

describe('publicInventoryOrigin', () => {
  it.each([
    ['/work/main/examples/azure/estate.json', 'snapshot file estate.json'],
    ['examples/azure/estate.json', 'snapshot file estate.json'],
    ['C:\\data\\azure\\estate.json', 'snapshot file estate.json'],
    ['https://management.azure.com', 'Azure Resource Manager'],
    ['http://127.0.0.1:8080/arm', 'Azure Resource Manager'],
    ['snapshot file estate.json', 'snapshot file estate.json'],
    ['Azure Resource Manager', 'Azure Resource Manager'],
    [
      'snapshot file /tmp/compliance-estate-x/estate.json',
      'snapshot file estate.json',
    ],
  ])('reads %j as %j', (stored, shown) => {
    expect(publicInventoryOrigin(stored)).toBe(shown);
  });

  it('keeps absence as absence', () => {
    expect(publicInventoryOrigin(null)).toBeNull();
    expect(publicInventoryOrigin(undefined)).toBeNull();
  });
});

describe('publicErrorText', () => {
  it('cuts paths to their file name and withholds addresses', () => {
    expect(
      publicErrorText(
        "ENOENT: no such file or directory, open '/tmp/compliance-estate-1/estate.json'",
      ),
    ).toBe("ENOENT: no such file or directory, open 'estate.json'");
    expect(
      publicErrorText(
        'request to https://user:secret@dr.internal:7007/api failed, connect ECONNREFUSED 10.0.0.5:7007',
      ),
    ).toBe(
      'request to [address withheld] failed, connect ECONNREFUSED [address withheld]',
    );
    expect(
      publicErrorText('Azure snapshot file missing.json does not exist'),
    ).toBe('Azure snapshot file missing.json does not exist');
  });

  it('bounds the length', () => {
    expect(publicErrorText('x'.repeat(5000))).toHaveLength(2000);
  });
});
