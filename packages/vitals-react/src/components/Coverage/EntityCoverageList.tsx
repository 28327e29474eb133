import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import RemoveCircleOutline from '@material-ui/icons/RemoveCircleOutline';
import type {
  CoverageGap,
  EntityCoverage,
} from '@vitals/azure-inventory-common';

const useStyles = makeStyles(
  theme => ({
    blocking: { color: theme.palette.error.main },
    inert: { color: theme.palette.text.secondary },
    id: { fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' },
  }),
  { name: 'VitalsEntityCoverageList' },
);

/** A gap as the API may send it; DR exclusions carry their reason. */
type ShownGap = CoverageGap & { excluded?: string };

function resourceName(id: string): string {
  return id.split('/').filter(Boolean).pop() ?? id;
}

export interface EntityCoverageListProps {
  coverage: EntityCoverage;
}

/**
 * What was judged of one entity and what was not: the resources no check
 * judges, those that keep the verdict from passing first.
 */
export function EntityCoverageList(props: EntityCoverageListProps) {
  const classes = useStyles();
  const gaps = props.coverage.notEvaluated as ShownGap[];
  const blocking = gaps.filter(g => g.blocking).length;
  return (
    <Box>
      <Typography variant="body2" gutterBottom>
        {`${props.coverage.evaluated} resource(s) judged`}
        {gaps.length > 0 ? `, ${gaps.length} not judged` : ''}
        {blocking > 0
          ? ` (${blocking} may hold data and keep the verdict from passing)`
          : ''}
        .
      </Typography>
      {gaps.length > 0 && (
        <List dense aria-label="Not judged">
          {gaps.map(gap => (
            <ListItem key={gap.resourceId} disableGutters>
              <ListItemIcon>
                {gap.blocking ? (
                  <ErrorOutline
                    className={classes.blocking}
                    titleAccess="Keeps the verdict from passing"
                  />
                ) : (
                  <RemoveCircleOutline
                    className={classes.inert}
                    titleAccess="Does not affect the verdict"
                  />
                )}
              </ListItemIcon>
              <ListItemText
                primary={
                  <>
                    <strong>{resourceName(gap.resourceId)}</strong>{' '}
                    <span className={classes.inert}>({gap.type})</span>
                  </>
                }
                secondary={
                  <>
                    {gap.excluded ? `Excluded: ${gap.excluded}` : gap.reason}
                    <br />
                    <span className={classes.id}>{gap.resourceId}</span>
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}
