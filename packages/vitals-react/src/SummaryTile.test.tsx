import { fireEvent, render, screen } from '@testing-library/react';
import { SummaryTile } from './SummaryTile';

describe('SummaryTile', () => {
  it('shows a count with its label, coloured only when not zero', () => {
    const { rerender } = render(
      <SummaryTile
        label="Not ready"
        value={3}
        hint="h"
        color="rgb(200, 0, 0)"
      />,
    );
    const tile = screen.getByRole('group', { name: 'Not ready' });
    expect(tile).toHaveTextContent('3Not ready');
    expect(screen.getByText('3')).toHaveStyle({ color: 'rgb(200, 0, 0)' });
    rerender(
      <SummaryTile
        label="Not ready"
        value={0}
        hint="h"
        color="rgb(200, 0, 0)"
      />,
    );
    expect(screen.getByText('0')).not.toHaveStyle({ color: 'rgb(200, 0, 0)' });
  });

  it('is a toggle button when it filters', () => {
    const onClick = jest.fn();
    render(
      <SummaryTile
        label="Unknown"
        value={1}
        hint="h"
        active
        onClick={onClick}
      />,
    );
    const button = screen.getByRole('button', { name: 'Unknown' });
    expect(button).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
