import { ReactNode } from 'react';
import { useSidebarOpenState } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  title: {
    margin: theme.spacing(1, 0, 0.5, 3),
    fontSize: 11,
    fontWeight: 700,
    letterSpacing: 1.2,
    textTransform: 'uppercase',
    color: theme.palette.navigation.color,
    opacity: 0.75,
  },
}));

/** A small heading above a group of sidebar items, shown when the sidebar is open. */
export const SidebarSectionTitle = ({ children }: { children: ReactNode }) => {
  const classes = useStyles();
  const { isOpen } = useSidebarOpenState();
  return isOpen ? <div className={classes.title}>{children}</div> : null;
};
