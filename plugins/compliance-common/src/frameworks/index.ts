export type {
  ControlDefinition,
  ControlImplementation,
  ControlSeverity,
  Framework,
  Safeguard,
} from './types';
export { hipaaFramework } from './hipaa';
export { validateFramework } from './validateFramework';
export type { FrameworkProblem } from './validateFramework';
