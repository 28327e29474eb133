import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(
  theme => ({
    tile: {
      padding: theme.spacing(1.5, 2),
      borderRadius: theme.shape.borderRadius,
      backgroundColor: theme.palette.background.paper,
      border: `1px solid ${theme.palette.divider}`,
      height: '100%',
      width: '100%',
      textAlign: 'left',
      font: 'inherit',
    },
    button: { cursor: 'pointer' },
    active: { borderColor: theme.palette.primary.main, borderWidth: 2 },
    value: {
      fontSize: 28,
      fontWeight: 700,
      lineHeight: 1.2,
      fontVariantNumeric: 'tabular-nums',
    },
    label: {
      color: theme.palette.text.secondary,
      fontSize: 12,
      fontWeight: 600,
      textTransform: 'uppercase',
      letterSpacing: 0.6,
    },
  }),
  { name: 'VitalsSummaryTile' },
);

export interface SummaryTileProps {
  label: string;
  value: number | string;
  /** What the number counts, shown on hover. */
  hint: string;
  /** Colour of the value when it is not zero (a status colour). */
  color?: string;
  /** With `onClick` the tile is a toggle button, pressed when active. */
  active?: boolean;
  onClick?: () => void;
}

/** A headline count of an overview page, e.g. "3 NOT READY". */
export function SummaryTile(props: SummaryTileProps) {
  const classes = useStyles();
  const content = (
    <>
      <Typography
        className={classes.value}
        style={props.value && props.color ? { color: props.color } : undefined}
      >
        {props.value}
      </Typography>
      <Typography className={classes.label}>{props.label}</Typography>
    </>
  );
  return (
    <Tooltip title={props.hint}>
      {props.onClick ? (
        <button
          type="button"
          className={`${classes.tile} ${classes.button} ${
            props.active ? classes.active : ''
          }`}
          aria-label={props.label}
          aria-pressed={props.active}
          onClick={props.onClick}
        >
          {content}
        </button>
      ) : (
        <Box className={classes.tile} role="group" aria-label={props.label}>
          {content}
        </Box>
      )}
    </Tooltip>
  );
}
