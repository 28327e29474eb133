import { fireEvent, render, screen, within } from '@testing-library/react';
import { FilterSelect } from './FilterSelect';

describe('FilterSelect', () => {
  it('offers "all" first, then the options, and reports the choice', () => {
    const onChange = jest.fn();
    render(
      <FilterSelect
        id="owner"
        label="Owner"
        value={undefined}
        onChange={onChange}
        allLabel="All owners"
        options={[
          { value: 'group:default/a', label: 'a' },
          { value: 'group:default/b', label: 'b' },
        ]}
      />,
    );
    fireEvent.mouseDown(screen.getByRole('button', { name: /Owner/ }));
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual(['All owners', 'a', 'b']);
    fireEvent.click(options[2]);
    expect(onChange).toHaveBeenCalledWith('group:default/b');
  });
});
