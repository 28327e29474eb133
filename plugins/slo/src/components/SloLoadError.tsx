import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import { errorMessage } from '@vitals/react';

const useStyles = makeStyles(theme => ({
  muted: { color: theme.palette.text.secondary },
}));

/** The backend answers 503 while it has no SLO figures for the entity yet. */
function isNoFiguresYet(error: Error): boolean {
  return (error as { response?: { status?: number } }).response?.status === 503;
}

export type SloLoadErrorProps =
  | {
      error: Error;
      /** A card of its own, for a whole tab, with a "Try again" button. */
      variant: 'page';
      onRetry: () => void;
    }
  | {
      error: Error;
      /** One line inside a card. */
      variant: 'inline';
      /** Padding around the line. */
      inset?: boolean;
    };

/**
 * Why the entity's SLOs could not be read: the backend's reason when it has
 * no figures yet (503), the error panel for anything else.
 */
export function SloLoadError(props: SloLoadErrorProps) {
  const classes = useStyles();
  const { error } = props;
  if (!isNoFiguresYet(error)) {
    return <ResponseErrorPanel error={error} />;
  }
  if (props.variant === 'page') {
    return (
      <InfoCard title="No SLO figures yet">
        {/* The backend says why: computing for the first time, or the data source failing. */}
        <Typography paragraph>{errorMessage(error)}</Typography>
        <Button variant="outlined" color="primary" onClick={props.onRetry}>
          Try again
        </Button>
      </InfoCard>
    );
  }
  const line = (
    <Typography className={classes.muted}>
      No SLO figures yet: {errorMessage(error)}
    </Typography>
  );
  return props.inset ? <Box p={2}>{line}</Box> : line;
}
