import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { usePageStyles } from './pageStyles';

export interface FilterSelectProps {
  /** Unique on the page: the id of the label that names the select. */
  id: string;
  label: string;
  /** The selected value; empty or undefined for "all". */
  value: string | undefined;
  onChange: (value: string) => void;
  /** The first entry, which clears the filter, e.g. "All owners". */
  allLabel: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}

/** One select of an overview page's filter bar. */
export function FilterSelect(props: FilterSelectProps) {
  const classes = usePageStyles();
  return (
    <FormControl variant="outlined" size="small" className={classes.select}>
      <InputLabel id={props.id}>{props.label}</InputLabel>
      <Select
        labelId={props.id}
        label={props.label}
        value={props.value ?? ''}
        onChange={e => props.onChange(e.target.value as string)}
      >
        <MenuItem value="">{props.allLabel}</MenuItem>
        {props.options.map(o => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
