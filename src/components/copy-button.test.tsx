import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CopyButton } from './copy-button';

function mockClipboard(writeText: (s: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', {
    value: { writeText },
    configurable: true,
  });
}

describe('CopyButton', () => {
  afterEach(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  });

  it('copies the value and announces it', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    const user = userEvent.setup();
    render(<CopyButton value="sha256:abc" label="Copy digest" />);
    mockClipboard(writeText);
    await user.click(screen.getByRole('button', { name: 'Copy digest' }));
    expect(writeText).toHaveBeenCalledWith('sha256:abc');
    expect(await screen.findByRole('status')).toHaveTextContent('Copied');
  });

  it('can show a more specific visible text', () => {
    render(<CopyButton value="x" label="Copy link to this page" text="Copy link" />);
    expect(screen.getByRole('button', { name: 'Copy link to this page' })).toHaveTextContent(
      'Copy link',
    );
  });

  it('tells the user how to copy by hand when the clipboard is denied', async () => {
    const user = userEvent.setup();
    render(<CopyButton value="x" label="Copy x" />);
    mockClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    await user.click(screen.getByRole('button', { name: 'Copy x' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      /select the text and press Ctrl\+C/,
    );
  });

  it('returns to its idle label after a moment', async () => {
    vi.useFakeTimers();
    try {
      render(<CopyButton value="x" label="Copy x" />);
      mockClipboard(() => Promise.resolve());
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: 'Copy x' }));
      });
      expect(screen.getByRole('status')).toHaveTextContent('Copied');
      await act(() => vi.advanceTimersByTimeAsync(2100));
      expect(screen.getByRole('status')).toHaveTextContent('');
    } finally {
      vi.useRealTimers();
    }
  });
});
