import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import type {
  EntityCoverage,
  EstateCoverage,
} from '@vitals/azure-inventory-common';
import { CoverageTable } from './CoverageTable';
import { EntityCoverageList } from './EntityCoverageList';

const estate: EstateCoverage = {
  types: [
    {
      type: 'microsoft.synapse/workspaces',
      resources: 2,
      judged: false,
      checks: [],
      judgement: 'not-judged',
      judgedResources: 0,
      notJudgedResources: 2,
    },
    {
      type: 'microsoft.insights/diagnosticsettings',
      resources: 126,
      judged: false,
      checks: [],
      judgement: 'not-judged',
      judgedResources: 122,
      notJudgedResources: 4,
    },
    {
      type: 'microsoft.network/publicipaddresses',
      resources: 4,
      judged: false,
      checks: [],
      judgement: 'inert',
      inertReason: 'an address; the services behind it are judged',
    },
    {
      type: 'microsoft.sql/servers',
      resources: 3,
      judged: true,
      checks: ['sql.auditing', 'sql.minimum-tls'],
      judgement: 'checked',
    },
  ],
};

// Material-table renders slowly on a busy CI machine.
jest.setTimeout(30_000);

describe('CoverageTable', () => {
  it('leads with the blind spots and names what judges each type', async () => {
    await renderInTestApp(
      <CoverageTable coverage={estate} subjectLabel="HIPAA rules" />,
    );
    expect(
      screen.getByText(
        '2 type(s), 6 resource(s) not judged by any of the HIPAA rules',
      ),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('microsoft.synapse/workspaces')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Not judged')).toBeInTheDocument();
    expect(within(rows[2]).getByText('an address; the services behind it are judged')).toBeInTheDocument();
    expect(within(rows[3]).getByText('sql.auditing, sql.minimum-tls')).toBeInTheDocument();
  });

  it('counts only the orphans of a type judged through its parents', async () => {
    await renderInTestApp(
      <CoverageTable coverage={estate} subjectLabel="DR checks" />,
    );
    const row = screen
      .getAllByRole('row')
      .find(r => within(r).queryByText('microsoft.insights/diagnosticsettings'))!;
    expect(within(row).getByText('4 of 126 not judged')).toBeInTheDocument();
    expect(
      within(row).getByText(
        '122 read with the resource they belong to; 4 under resources nothing judges',
      ),
    ).toBeInTheDocument();
  });

  it('counts every resource of a blind type when the answer has no counts', async () => {
    await renderInTestApp(
      <CoverageTable
        coverage={{
          types: [
            {
              type: 'microsoft.synapse/workspaces',
              resources: 3,
              judged: false,
              checks: [],
              judgement: 'not-judged',
            },
          ],
        }}
        subjectLabel="DR checks"
      />,
    );
    expect(
      screen.getByText('1 type(s), 3 resource(s) not judged by any of the DR checks'),
    ).toBeInTheDocument();
    expect(screen.getByText('Not judged')).toBeInTheDocument();
  });

  it('says so when every type is covered', async () => {
    await renderInTestApp(
      <CoverageTable
        coverage={{ types: estate.types.slice(2) }}
        subjectLabel="DR checks"
      />,
    );
    expect(
      screen.getByText('Every resource type is judged by DR checks or inert.'),
    ).toBeInTheDocument();
  });
});

describe('EntityCoverageList', () => {
  const coverage: EntityCoverage = {
    evaluated: 5,
    notEvaluated: [
      {
        resourceId:
          '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Synapse/workspaces/syn-phi',
        type: 'microsoft.synapse/workspaces',
        reason: 'No DR check judges microsoft.synapse/workspaces.',
        blocking: true,
      },
      {
        resourceId:
          '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip',
        type: 'microsoft.network/publicipaddresses',
        reason: 'Inert: an address.',
        blocking: false,
      },
    ],
  };

  it('counts what was judged and lists each gap with its reason', async () => {
    await renderInTestApp(<EntityCoverageList coverage={coverage} />);
    expect(
      screen.getByText(
        /5 resource\(s\) judged, 2 not judged \(1 may hold data/,
      ),
    ).toBeInTheDocument();
    const items = within(screen.getByRole('list', { name: 'Not judged' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByText('syn-phi')).toBeInTheDocument();
    expect(within(items[0]).getByTitle('Keeps the verdict from passing')).toBeTruthy();
    expect(within(items[1]).getByText('Inert: an address.')).toBeInTheDocument();
  });

  it('shows no list when everything was judged', async () => {
    await renderInTestApp(
      <EntityCoverageList coverage={{ evaluated: 3, notEvaluated: [] }} />,
    );
    expect(screen.getByText('3 resource(s) judged.')).toBeInTheDocument();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
