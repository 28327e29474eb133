import { FakeResourceBody } from './fakeResourceManager';
import { generateSyntheticEstate } from './syntheticEstate';

const subscriptions = ['11111111-0000-0000-0000-000000000001'];
const BLOB_SETTING =
  /\/storageAccounts\/st\d+\/blobServices\/default\/providers\/microsoft\.insights\/diagnosticSettings\/blob-audit$/;

const idsOf = (entries: ReturnType<typeof generateSyntheticEstate>) =>
  entries.map(entry => String((entry as FakeResourceBody).id));

describe('generateSyntheticEstate', () => {
  it('gives storage accounts no blob service setting by default', () => {
    const ids = idsOf(generateSyntheticEstate({ count: 70, subscriptions }));
    expect(ids.filter(id => /\/storageAccounts\/st\d+$/.test(id))).toHaveLength(
      14,
    );
    expect(ids.filter(id => BLOB_SETTING.test(id))).toEqual([]);
  });

  it('with storageServiceLogs, gives every account but each seventh a blob service setting sending logs to a workspace', () => {
    const estate = generateSyntheticEstate({
      count: 70,
      subscriptions,
      storageServiceLogs: true,
    });
    const settings = estate.filter(entry =>
      BLOB_SETTING.test(String((entry as FakeResourceBody).id)),
    ) as FakeResourceBody[];
    // 14 accounts (st0, st5, ... st65): st0 and st35 go without.
    expect(settings).toHaveLength(12);
    const accounts = settings.map(s => /\/st(\d+)\//.exec(String(s.id))![1]);
    expect(accounts).not.toContain('0');
    expect(accounts).not.toContain('35');
    expect(accounts).toContain('5');
    for (const setting of settings) {
      expect(setting).toMatchObject({
        type: expect.stringMatching(
          /^microsoft\.insights\/diagnosticSettings$/i,
        ),
        properties: {
          workspaceId: expect.stringMatching(/\/workspaces\//),
          logs: expect.arrayContaining([
            expect.objectContaining({ enabled: true }),
          ]),
        },
      });
      // A proxy resource: not listed by resources.list or Resource Graph.
      expect(setting.location).toBeUndefined();
    }
  });

  it('keeps the seventh-account rule per rotation when the newer families are mixed in', () => {
    const estate = generateSyntheticEstate({
      count: 140,
      subscriptions,
      families: true,
      storageServiceLogs: true,
    });
    // 14 kinds: ten storage accounts (st0, st14, ... st126), st0 and st98 without.
    const accounts = idsOf(estate)
      .filter(id => BLOB_SETTING.test(id))
      .map(id => /\/st(\d+)\//.exec(id)![1]);
    expect(accounts).toHaveLength(8);
    expect(accounts).not.toContain('0');
    expect(accounts).not.toContain('98');
  });
});
