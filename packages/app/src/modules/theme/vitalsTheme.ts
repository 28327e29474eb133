import {
  createUnifiedTheme,
  genPageTheme,
  palettes,
  shapes,
} from '@backstage/theme';

/** The Vitals colours: clinical teal on a cool, quiet background. */
export const vitalsColors = {
  teal: '#0f6a8b',
  tealDark: '#0b4f68',
  mint: '#2bb3a3',
  navy: '#0b2b3c',
  navyLight: '#123d52',
  ok: '#1e8e5a',
  warning: '#b26a00',
  error: '#c62828',
};

const pageTheme = {
  home: genPageTheme({
    colors: [vitalsColors.navy, vitalsColors.teal],
    shape: shapes.wave,
  }),
  tool: genPageTheme({
    colors: [vitalsColors.navy, vitalsColors.mint],
    shape: shapes.round,
  }),
  service: genPageTheme({
    colors: [vitalsColors.tealDark, vitalsColors.teal],
    shape: shapes.wave2,
  }),
  website: genPageTheme({
    colors: [vitalsColors.tealDark, vitalsColors.mint],
    shape: shapes.wave2,
  }),
  library: genPageTheme({
    colors: [vitalsColors.navy, vitalsColors.tealDark],
    shape: shapes.wave2,
  }),
  other: genPageTheme({
    colors: [vitalsColors.navy, vitalsColors.teal],
    shape: shapes.wave2,
  }),
  documentation: genPageTheme({
    colors: [vitalsColors.navy, vitalsColors.teal],
    shape: shapes.wave2,
  }),
  app: genPageTheme({
    colors: [vitalsColors.navy, vitalsColors.teal],
    shape: shapes.wave2,
  }),
  apis: genPageTheme({
    colors: [vitalsColors.navy, vitalsColors.tealDark],
    shape: shapes.wave2,
  }),
  card: genPageTheme({
    colors: [vitalsColors.tealDark, vitalsColors.mint],
    shape: shapes.wave,
  }),
};

const navigation = {
  background: vitalsColors.navy,
  indicator: vitalsColors.mint,
  color: '#c9dbe3',
  selectedColor: '#ffffff',
  navItem: { hoverBackground: vitalsColors.navyLight },
  submenu: { background: vitalsColors.navyLight },
};

const fontFamily =
  '"Inter", "Segoe UI", "Helvetica Neue", Roboto, Arial, sans-serif';

export const vitalsLightTheme = createUnifiedTheme({
  palette: {
    ...palettes.light,
    primary: { main: vitalsColors.teal },
    secondary: { main: vitalsColors.mint },
    background: { default: '#f4f7f9', paper: '#ffffff' },
    status: {
      ...palettes.light.status,
      ok: vitalsColors.ok,
      warning: vitalsColors.warning,
      error: vitalsColors.error,
    },
    link: vitalsColors.teal,
    linkHover: vitalsColors.tealDark,
    navigation,
    tabbar: { indicator: vitalsColors.mint },
  },
  fontFamily,
  defaultPageTheme: 'home',
  pageTheme,
});

export const vitalsDarkTheme = createUnifiedTheme({
  palette: {
    ...palettes.dark,
    primary: { main: '#5fc4d8', dark: vitalsColors.teal },
    secondary: { main: vitalsColors.mint },
    background: { default: '#0e1a21', paper: '#15252e' },
    status: {
      ...palettes.dark.status,
      ok: '#4cc38a',
      warning: '#f0a93b',
      error: '#ef6b6b',
    },
    link: '#7fd3e3',
    linkHover: '#b5e7f0',
    navigation: { ...navigation, background: '#08202c' },
    tabbar: { indicator: vitalsColors.mint },
  },
  fontFamily,
  defaultPageTheme: 'home',
  pageTheme,
});
