import {
  ModuleSourceError,
  moduleKey,
  resolveModuleSources,
  SHARED_TERRAFORM_MODULES,
} from './terraformModules';

const repository =
  'git::https://example.invalid/platform/terraform-modules.git';

describe('resolveModuleSources', () => {
  it('pins every module of the set to the release tag', () => {
    const resolved = resolveModuleSources({ repository, version: 'v1.2.0' });
    expect(resolved.modules).toEqual([...SHARED_TERRAFORM_MODULES]);
    expect(resolved.sources['key-vault']).toBe(
      `${repository}//modules/key-vault?ref=v1.2.0`,
    );
    expect(resolved.sources.key_vault).toBe(resolved.sources['key-vault']);
    expect(resolved.sources.front_door).toBe(
      `${repository}//modules/front-door?ref=v1.2.0`,
    );
    expect(resolved.sources.application_insights).toBe(
      `${repository}//modules/application-insights?ref=v1.2.0`,
    );
    expect(resolved.sources.sql_failover_automation).toBe(
      `${repository}//modules/sql-failover-automation?ref=v1.2.0`,
    );
  });

  it('resolves a subset, once each', () => {
    const resolved = resolveModuleSources({
      repository,
      version: 'v1.2.3',
      modules: ['network', 'sql', 'network'],
    });
    expect(resolved.modules).toEqual(['network', 'sql']);
    expect(Object.keys(resolved.sources)).toEqual(['network', 'sql']);
  });

  it.each([
    ['version', { version: 'main' }, /not a release tag/],
    ['version', { version: '1.0.0' }, /not a release tag/],
    ['source', { repository: '' }, /is empty/],
    ['source', { repository: `${repository}//modules` }, /repository only/],
    ['source', { repository: `${repository}?ref=v1` }, /repository only/],
    [
      'modules',
      { modules: ['network', 'cosmos-db'] },
      /cosmos-db is not a module of the shared set/,
    ],
  ])('refuses a bad %s', (field, change, message) => {
    let error: unknown;
    try {
      resolveModuleSources({ repository, version: 'v1.0.0', ...change });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModuleSourceError);
    expect((error as ModuleSourceError).field).toBe(field);
    expect((error as Error).message).toMatch(message);
  });

  it('accepts registry-style and plain https sources', () => {
    expect(
      resolveModuleSources({
        repository: 'https://example.invalid/modules.git',
        version: 'v2.0.0',
        modules: ['aks'],
      }).sources.aks,
    ).toBe('https://example.invalid/modules.git//modules/aks?ref=v2.0.0');
  });
});

describe('moduleKey', () => {
  it('turns module names into HCL keys', () => {
    expect(moduleKey('recovery-services-vault')).toBe(
      'recovery_services_vault',
    );
  });
});
