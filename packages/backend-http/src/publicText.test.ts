import { findLeak } from '@vitals/backend-test-utils';
import {
  loggableUrl,
  publicErrorText,
  publicInventoryOrigin,
} from './publicText';

describe('publicInventoryOrigin', () => {
  it.each([
    ['/work/main/examples/azure/estate.json', 'snapshot file estate.json'],
    ['examples/azure/estate.json', 'snapshot file estate.json'],
    ['C:\\data\\azure\\estate.json', 'snapshot file estate.json'],
    ['https://management.azure.com/', 'Azure Resource Manager'],
    ['http://127.0.0.1:4010/arm', 'Azure Resource Manager'],
    [
      'https://management.azure.com/providers/Microsoft.ResourceGraph/resources',
      'Azure Resource Graph',
    ],
    ['snapshot file estate.json', 'snapshot file estate.json'],
    ['Azure Resource Manager', 'Azure Resource Manager'],
    [
      'snapshot file /tmp/compliance-estate-x/estate.json',
      'snapshot file estate.json',
    ],
  ])('serves %j as %j', (stored, shown) => {
    expect(publicInventoryOrigin(stored)).toBe(shown);
    expect(findLeak(shown)).toBeUndefined();
  });

  it('keeps absence as absence', () => {
    expect(publicInventoryOrigin(null)).toBeNull();
    expect(publicInventoryOrigin(undefined)).toBeNull();
  });
});

describe('publicErrorText', () => {
  it('keeps the words and cuts paths, URLs and addresses', () => {
    const text = publicErrorText(
      "ENOENT: no such file or directory, open '/srv/vitals/azure/estate.json'; fetch failed for http://10.1.2.3:9090/x (connect ECONNREFUSED 10.1.2.3:9090, [::1]:9090)",
    );
    expect(text).toBe(
      "ENOENT: no such file or directory, open 'estate.json'; fetch failed for [address withheld] (connect ECONNREFUSED [address withheld], [address withheld])",
    );
    expect(findLeak(text)).toBeUndefined();
  });

  it('drops the address of a source named by it, and redacts secrets', () => {
    expect(
      publicErrorText(
        'prometheus at https://user:s3cret@prom.internal:9090 could not be reached (token abcd1234)',
        ['abcd1234', 'no'],
      ),
    ).toBe('prometheus could not be reached (token [redacted])');
  });

  it('keeps plain texts and absence', () => {
    expect(
      publicErrorText('Azure snapshot file missing.json does not exist'),
    ).toBe('Azure snapshot file missing.json does not exist');
    expect(publicErrorText(null)).toBeNull();
  });

  it('bounds the length', () => {
    expect(publicErrorText('x'.repeat(5000))).toHaveLength(2000);
  });
});

describe('loggableUrl', () => {
  it('drops credentials, query and fragment', () => {
    expect(loggableUrl('https://u:p@prom.example:9090/api/v1?q=x#f')).toBe(
      'https://prom.example:9090/api/v1',
    );
    expect(loggableUrl('not a url')).toBe('[address withheld]');
  });
});
