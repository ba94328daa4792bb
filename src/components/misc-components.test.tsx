import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Breadcrumbs } from './breadcrumbs';
import { RelativeTime } from './relative-time';
import { ThemeToggle } from './theme-toggle';
import { Toaster, toast } from './toast';
import { Button } from './button';
import { Skeleton } from './skeleton';

describe('RelativeTime', () => {
  afterEach(() => vi.useRealTimers());

  it('shows a relative time that stays current, the exact time on hover', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-27T12:00:30Z') });
    render(<RelativeTime value="2026-11-27T12:00:00Z" />);
    const el = screen.getByText('30 seconds ago');
    expect(el.tagName).toBe('TIME');
    expect(el).toHaveAttribute('datetime', '2026-11-27T12:00:00Z');
    expect(el.getAttribute('title')).toMatch(/2026/);
    act(() => {
      vi.advanceTimersByTime(31_000);
    });
    expect(el).toHaveTextContent('1 minute ago');
  });
});

describe('Toaster', () => {
  afterEach(() => vi.useRealTimers());

  it('shows a toast in a live region and removes it after its duration', () => {
    vi.useFakeTimers();
    render(<Toaster />);
    act(() => {
      toast('v1 is ready', { tone: 'success', durationMs: 1000 });
    });
    const region = screen.getByRole('status', { name: 'Notifications' });
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('v1 is ready');
    act(() => {
      vi.advanceTimersByTime(1100);
    });
    expect(region).not.toHaveTextContent('v1 is ready');
  });

  it('can be dismissed', async () => {
    const user = userEvent.setup();
    render(<Toaster />);
    act(() => {
      toast('hello');
    });
    await user.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    expect(screen.queryByText('hello')).not.toBeInTheDocument();
  });
});

describe('ThemeToggle', () => {
  afterEach(() => document.documentElement.removeAttribute('data-theme'));

  it('starts from the stored choice', () => {
    localStorage.setItem('vcr-theme', 'dark');
    render(<ThemeToggle />);
    expect(screen.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  });

  it('sets html[data-theme], persists, and returns to the system', async () => {
    const user = userEvent.setup();
    render(<ThemeToggle />);
    const select = screen.getByRole('combobox', { name: 'Theme' });
    expect(select).toHaveValue('system');
    await user.selectOptions(select, 'dark');
    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
    expect(localStorage.getItem('vcr-theme')).toBe('dark');
    await user.selectOptions(select, 'system');
    expect(document.documentElement).not.toHaveAttribute('data-theme');
    expect(localStorage.getItem('vcr-theme')).toBeNull();
  });
});

describe('Breadcrumbs', () => {
  it('links all but the current page', () => {
    render(
      <MemoryRouter>
        <Breadcrumbs
          items={[
            { label: 'Repositories', to: '/repositories?projectId=p' },
            { label: 'web-app', to: '/repositories/web-app?projectId=p' },
            { label: 'latest' },
          ]}
        />
      </MemoryRouter>,
    );
    const nav = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(nav).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'web-app' })).toHaveAttribute(
      'href',
      '/repositories/web-app?projectId=p',
    );
    expect(screen.getByText('latest')).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByRole('link', { name: 'latest' })).not.toBeInTheDocument();
  });
});

describe('Button and Skeleton', () => {
  it('is a non-submitting button by default with variant classes', () => {
    render(<Button variant="primary">Go</Button>);
    const b = screen.getByRole('button', { name: 'Go' });
    expect(b).toHaveAttribute('type', 'button');
    expect(b.className).toContain('bg-accent');
  });

  it('hides skeletons from assistive technology', () => {
    const { container } = render(<Skeleton className="h-4 w-10" />);
    expect(container.firstElementChild).toHaveAttribute('aria-hidden', 'true');
  });
});
