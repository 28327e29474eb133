import { service } from './__fixtures__/entities';
import { isComplianceAvailable, readDataClassification } from './annotations';

describe('annotations', () => {
  it.each([
    ['phi', { raw: 'phi', value: 'phi' }],
    [' Confidential ', { raw: 'Confidential', value: 'confidential' }],
    ['restricted', { raw: 'restricted', value: undefined }],
    ['', { raw: undefined, value: undefined }],
  ])('reads %j', (annotation, expected) => {
    expect(
      readDataClassification(
        service('x', { 'vitals.dev/data-classification': annotation }),
      ),
    ).toEqual(expected);
  });

  it('is available once the classification is declared', () => {
    const entity = service('x');
    expect(isComplianceAvailable(entity)).toBe(true);
    delete entity.metadata.annotations!['vitals.dev/data-classification'];
    expect(isComplianceAvailable(entity)).toBe(false);
  });
});
