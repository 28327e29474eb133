import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { SloCompositeStatus } from '@vitals/plugin-slo-common';
import { BudgetBar } from '../BudgetBar';
import { useEntitySlosLink } from '../entityLinks';
import { formatPercent } from '../format';

const useStyles = makeStyles(theme => ({
  muted: { color: theme.palette.text.secondary },
  number: { fontVariantNumeric: 'tabular-nums' },
}));

/**
 * The components of a composite (journey) SLO: each one's weight, SLI,
 * budget left and share of the journey's consumption.
 */
export function CompositeComponentsTable(props: {
  composite: SloCompositeStatus;
  /** The journey's consumed budget (the components' contributions add up to it). */
  consumed: number;
  /** Caption for screen readers: the journey's name. */
  journey: string;
}) {
  const classes = useStyles();
  const link = useEntitySlosLink();
  return (
    <Table size="small" aria-label={`Components of ${props.journey}`}>
      <TableHead>
        <TableRow>
          <TableCell>Component</TableCell>
          <TableCell align="right">Weight</TableCell>
          <TableCell align="right">Objective</TableCell>
          <TableCell align="right">SLI</TableCell>
          <TableCell>Budget left</TableCell>
          <TableCell align="right">
            Share of consumption
            <Typography
              variant="caption"
              component="div"
              className={classes.muted}
            >
              of the journey's budget
            </Typography>
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.composite.components.map(component => (
          <TableRow key={component.name}>
            <TableCell>
              {component.displayName}
              <Typography
                variant="caption"
                component="div"
                className={classes.muted}
              >
                {component.entityRef ? (
                  <Link to={link(component.entityRef)}>
                    {parseEntityRef(component.entityRef).name}
                  </Link>
                ) : (
                  component.name
                )}
                {component.sli === null && ' · no data yet, left out'}
                {component.stale && ' · stale'}
              </Typography>
            </TableCell>
            <TableCell align="right" className={classes.number}>
              {component.weight}
            </TableCell>
            <TableCell align="right" className={classes.number}>
              {formatPercent(component.target)}
            </TableCell>
            <TableCell align="right" className={classes.number}>
              {formatPercent(component.sli)}
            </TableCell>
            <TableCell style={{ minWidth: 160 }}>
              <BudgetBar remaining={component.remaining} />
            </TableCell>
            <TableCell align="right" className={classes.number}>
              {formatPercent(component.contribution, 1)}
              {component.contribution !== null && props.consumed > 0 && (
                <Typography
                  variant="caption"
                  component="div"
                  className={classes.muted}
                >
                  {formatPercent(component.contribution / props.consumed, 0)} of
                  what was spent
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
