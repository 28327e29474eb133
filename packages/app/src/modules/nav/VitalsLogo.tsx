import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { height: 30, width: 'auto', display: 'block' },
  mark: { fill: '#2bb3a3' },
  pulse: {
    fill: 'none',
    stroke: '#ffffff',
    strokeWidth: 3.2,
    strokeLinecap: 'round',
    strokeLinejoin: 'round',
  },
  word: {
    fill: '#ffffff',
    fontFamily: '"Inter", "Helvetica Neue", Arial, sans-serif',
    fontWeight: 600,
    fontSize: 26,
    letterSpacing: 0.5,
  },
});

/** The Vitals mark: a pulse line inside a rounded shield. */
export const VitalsMark = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      viewBox="0 0 40 40"
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label="Vitals"
    >
      <path
        className={classes.mark}
        d="M20 2 L35 8 V19 C35 28.5 28.6 35.2 20 38 C11.4 35.2 5 28.5 5 19 V8 Z"
      />
      <polyline
        className={classes.pulse}
        points="9,21 15,21 17.5,15 21,27 24,18 26,21 31,21"
      />
    </svg>
  );
};

/** The Vitals mark with its word mark, for the open sidebar. */
export const VitalsLogoFull = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      viewBox="0 0 150 40"
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label="Vitals"
    >
      <path
        className={classes.mark}
        d="M20 2 L35 8 V19 C35 28.5 28.6 35.2 20 38 C11.4 35.2 5 28.5 5 19 V8 Z"
      />
      <polyline
        className={classes.pulse}
        points="9,21 15,21 17.5,15 21,27 24,18 26,21 31,21"
      />
      <text className={classes.word} x="46" y="29">
        Vitals
      </text>
    </svg>
  );
};
