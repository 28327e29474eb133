import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import useAsync from 'react-use/esm/useAsync';

interface UserOption {
  ref: string;
  label: string;
}

/** The catalog's users other than the signed-in approver, when the app has a catalog. */
function useRequesterOptions(approver: string | undefined): UserOption[] {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { value } = useAsync(async (): Promise<UserOption[]> => {
    if (!catalogApi) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'User' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items
      .map((user: Entity) => {
        const ref = stringifyEntityRef(user);
        const name =
          (user.spec?.profile as { displayName?: string } | undefined)
            ?.displayName ?? user.metadata.title;
        return { ref, label: name ? `${name} (${ref})` : ref };
      })
      .filter(option => option.ref !== approver?.toLocaleLowerCase('en-US'))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi, approver]);
  return value ?? [];
}

export interface RequesterFieldProps {
  id: string;
  /** The entity ref typed or chosen so far. */
  value: string;
  onChange: (ref: string) => void;
  /** The signed-in approver, left out of the choices. */
  approver?: string;
  helperText: string;
  className?: string;
}

/**
 * Who asked for a decision (an exemption, a deploy-gate override): a User of
 * the catalog, chosen from a list or typed as an entity ref. The approver is
 * whoever is signed in, so they are not offered; the backend refuses them
 * anyway.
 */
export function RequesterField(props: RequesterFieldProps) {
  const options = useRequesterOptions(props.approver);
  return (
    <Autocomplete<UserOption, false, false, true>
      id={props.id}
      freeSolo
      options={options}
      getOptionLabel={option =>
        typeof option === 'string' ? option : option.label
      }
      inputValue={props.value}
      onInputChange={(_event, value, why) => {
        // A reset writes the chosen option's label; its ref is kept instead.
        if (why !== 'reset') props.onChange(value);
      }}
      onChange={(_event, value) => {
        if (value && typeof value !== 'string') props.onChange(value.ref);
      }}
      renderInput={params => (
        <TextField
          {...params}
          className={props.className}
          label="Requested by"
          required
          fullWidth
          variant="outlined"
          placeholder="user:default/amara.okafor"
          helperText={props.helperText}
        />
      )}
    />
  );
}

/**
 * What to show when a write is refused: the backend's own words (a 400
 * names the field), not only the HTTP status.
 */
export function errorMessage(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } })?.cause;
  if (typeof cause?.message === 'string' && cause.message) {
    return cause.message;
  }
  return (error as Error)?.message ?? String(error);
}
