import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogAutocomplete,
  DefaultEntityFilters,
  EntityFilter,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import { Box, Checkbox, FormControlLabel } from '@material-ui/core';
import CheckBoxIcon from '@material-ui/icons/CheckBox';
import CheckBoxOutlineBlankIcon from '@material-ui/icons/CheckBoxOutlineBlank';
import type { ComplianceStatus } from '@vitals/plugin-compliance-common';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../api/ComplianceApi';
import { COMPLIANCE_STATUS_LABELS, COMPLIANCE_STATUS_ORDER } from './format';

/** A name no entity can have: entity names never contain spaces. */
const MATCHES_NOTHING = 'no entity has this compliance status';

/**
 * Keeps catalog entities whose stored HIPAA status is one of `statuses`. The
 * matching names go to the catalog backend (so paginated lists page over the
 * right entities); the exact refs are checked again in the browser, since
 * names can repeat across kinds and namespaces.
 */
export class EntityComplianceStatusFilter implements EntityFilter {
  readonly refs: ReadonlySet<string>;

  constructor(
    readonly values: ComplianceStatus[],
    statusByRef: ReadonlyMap<string, ComplianceStatus>,
  ) {
    this.refs = new Set(
      [...statusByRef]
        .filter(([, status]) => values.includes(status))
        .map(([ref]) => ref),
    );
  }

  getCatalogFilters(): Record<string, string[]> {
    const names = [...this.refs].map(ref => ref.slice(ref.indexOf('/') + 1));
    return {
      'metadata.name': names.length ? [...new Set(names)] : [MATCHES_NOTHING],
    };
  }

  filterEntity(entity: Entity): boolean {
    return this.refs.has(stringifyEntityRef(entity));
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

type ComplianceFilters = DefaultEntityFilters & {
  compliance?: EntityComplianceStatusFilter;
};

/** The catalog's "Compliance" filter: narrows the list to services with the chosen HIPAA statuses. */
export function ComplianceCatalogFilter() {
  const api = useApi(complianceApiRef);
  const {
    updateFilters,
    queryParameters: { compliance: queryParameter },
  } = useEntityList<ComplianceFilters>();
  const fromQuery = useMemo(
    () =>
      [queryParameter]
        .flat()
        .filter((v): v is ComplianceStatus =>
          COMPLIANCE_STATUS_ORDER.includes(v as ComplianceStatus),
        ),
    [queryParameter],
  );
  const [selected, setSelected] = useState<ComplianceStatus[]>(fromQuery);
  const { value: statusByRef } = useAsync(async () => {
    try {
      const overview = await api.getOverview();
      return new Map(overview.items.map(i => [i.entityRef, i.status]));
    } catch {
      return undefined;
    }
  }, [api]);

  useEffect(() => {
    updateFilters({
      compliance:
        selected.length && statusByRef
          ? new EntityComplianceStatusFilter(selected, statusByRef)
          : undefined,
    });
  }, [selected, statusByRef, updateFilters]);

  if (!statusByRef) return null;
  const counts = new Map<ComplianceStatus, number>();
  for (const status of statusByRef.values()) {
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return (
    <Box pb={1} pt={1}>
      <CatalogAutocomplete<ComplianceStatus, true>
        multiple
        disableCloseOnSelect
        label="HIPAA compliance"
        name="compliance-picker"
        options={COMPLIANCE_STATUS_ORDER}
        value={selected}
        onChange={(_event, options) => setSelected(options)}
        getOptionLabel={option => COMPLIANCE_STATUS_LABELS[option]}
        renderOption={(option, { selected: isSelected }) => (
          <FormControlLabel
            control={
              <Checkbox
                icon={<CheckBoxOutlineBlankIcon fontSize="small" />}
                checkedIcon={<CheckBoxIcon fontSize="small" />}
                checked={isSelected}
              />
            }
            onClick={event => event.preventDefault()}
            label={`${COMPLIANCE_STATUS_LABELS[option]} (${
              counts.get(option) ?? 0
            })`}
          />
        )}
      />
    </Box>
  );
}
