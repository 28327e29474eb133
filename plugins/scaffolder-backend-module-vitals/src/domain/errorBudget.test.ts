import {
  describeErrorBudget,
  errorBudgetMinutes,
  percentToRatio,
} from './errorBudget';

describe('errorBudgetMinutes', () => {
  it.each([
    [90, 4320],
    [99, 432],
    [99.5, 216],
    [99.9, 43.2],
    [99.95, 21.6],
    [99.99, 4.32],
    [99.999, 0.43],
  ])('%p %% over 30 days leaves %p minutes', (target, minutes) => {
    expect(errorBudgetMinutes(target)).toBe(minutes);
  });

  it('scales with the window', () => {
    expect(errorBudgetMinutes(99.9, 7)).toBe(10.08);
    expect(errorBudgetMinutes(99.9, 90)).toBe(129.6);
  });
});

describe('describeErrorBudget', () => {
  it('says minutes below two hours and hours above', () => {
    expect(describeErrorBudget(99.9)).toBe('43.2 minutes per 30 days');
    expect(describeErrorBudget(99.5)).toBe(
      '3.6 hours (216 minutes) per 30 days',
    );
    expect(describeErrorBudget(99)).toBe('7.2 hours (432 minutes) per 30 days');
  });
});

describe('percentToRatio', () => {
  it('gives the fraction without floating-point noise', () => {
    expect(percentToRatio(99.9)).toBe(0.999);
    expect(percentToRatio(99.95)).toBe(0.9995);
    expect(percentToRatio(99.999)).toBe(0.99999);
    expect(percentToRatio(95)).toBe(0.95);
  });
});
