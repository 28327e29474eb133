import { act, renderHook } from '@testing-library/react';
import { PropsWithChildren } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { distinctSorted, useUrlFilters } from './filters';

describe('useUrlFilters', () => {
  it('reads the query and sets or removes several parameters at once', () => {
    const wrapper = ({ children }: PropsWithChildren<{}>) => (
      <MemoryRouter initialEntries={['/page?owner=a&system=s&q=x']}>
        {children}
      </MemoryRouter>
    );
    const { result } = renderHook(() => useUrlFilters(), { wrapper });
    expect(result.current.params.get('owner')).toBe('a');
    act(() => result.current.setFilters({ owner: 'b', system: '', q: null }));
    expect(result.current.params.toString()).toBe('owner=b');
  });
});

describe('distinctSorted', () => {
  it('keeps each non-empty value once, sorted', () => {
    expect(distinctSorted(['b', null, 'a', undefined, '', 'b'])).toEqual([
      'a',
      'b',
    ]);
  });
});
