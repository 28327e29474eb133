import { makeStyles } from '@material-ui/core/styles';

/**
 * Classes of an overview page: the filter bar above its table, muted text,
 * and the compact rollup tables (per team, per system) with numeric cells.
 */
export const usePageStyles = makeStyles(
  theme => ({
    filters: {
      display: 'flex',
      gap: theme.spacing(2),
      flexWrap: 'wrap',
      alignItems: 'center',
      margin: theme.spacing(3, 0, 2),
    },
    select: { minWidth: 170 },
    muted: { color: theme.palette.text.secondary },
    rollupTable: {
      width: '100%',
      borderCollapse: 'collapse',
      '& td, & th': {
        padding: theme.spacing(0.75, 1),
        borderBottom: `1px solid ${theme.palette.divider}`,
        textAlign: 'left',
        fontSize: 14,
      },
      '& th': {
        color: theme.palette.text.secondary,
        fontWeight: 600,
        fontSize: 12,
      },
    },
    num: {
      textAlign: 'right !important' as any,
      fontVariantNumeric: 'tabular-nums',
    },
  }),
  { name: 'VitalsPage' },
);
