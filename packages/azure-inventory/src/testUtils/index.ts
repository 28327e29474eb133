export {
  FAKE_ACCESS_TOKEN,
  FakeResourceManager,
  type FakeFault,
  type FakeProvider,
  type FakeProviderResourceType,
  type FakeRequest,
  type FakeResourceAt,
  type FakeResourceBody,
  type FakeResourceManagerOptions,
} from './fakeResourceManager';
export {
  FIXTURE_ENTITY_REF,
  FIXTURE_SECONDARY_SUBSCRIPTION_ID,
  FIXTURE_SUBSCRIPTION_ID,
  familiesEstate,
  fixtureEstate,
  fixtureProviders,
} from './fixtures';
export {
  generateSyntheticEstate,
  type SyntheticEstateOptions,
} from './syntheticEstate';
export {
  createSelfSignedCertificate,
  type SelfSignedCertificate,
} from './selfSignedCertificate';
