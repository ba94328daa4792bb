import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusBadge } from './status-badge';
import { KindLabel } from './kind-label';

describe('StatusBadge', () => {
  it.each([
    ['preparing', 'Preparing'],
    ['ready', 'Ready'],
    ['unoptimized', 'Ready (unoptimized)'],
    [null, 'Multi-platform index'],
    ['quarantined', 'quarantined'],
  ])('labels %s as %s', (status, label) => {
    render(<StatusBadge status={status} />);
    expect(screen.getByText(label, { exact: true })).toBeInTheDocument();
  });

  it('does not call an attestation without a status an index', () => {
    render(<StatusBadge status={null} kind="attestation" />);
    expect(screen.getByText('No status (attestation)', { exact: true })).toBeInTheDocument();
    expect(screen.queryByText('Multi-platform index')).not.toBeInTheDocument();
  });

  it('labels a null status of an index as a multi-platform index', () => {
    render(<StatusBadge status={null} kind="index" />);
    expect(screen.getByText('Multi-platform index', { exact: true })).toBeInTheDocument();
  });

  it('animates Preparing only when motion is allowed', () => {
    render(<StatusBadge status="preparing" />);
    const dot = screen.getByTestId('preparing-indicator');
    expect(dot.className).toContain('motion-safe:animate-pulse');
    expect(dot.className).not.toMatch(/(^|\s)animate-/);
  });

  it('explains why an unoptimized image cannot be used by Sandbox', () => {
    render(<StatusBadge status="unoptimized" platform="linux" arch="arm64" />);
    const label = screen.getByText('Ready (unoptimized)');
    expect(label).toHaveAccessibleDescription(
      'Built for linux/arm64, not linux/amd64, so Vercel Sandbox cannot use it. It can still be pulled.',
    );
    expect(label.parentElement).toHaveAttribute('title', expect.stringContaining('Vercel Sandbox'));
  });

  it('has no description for a ready image', () => {
    render(<StatusBadge status="ready" />);
    expect(screen.getByText('Ready')).not.toHaveAccessibleDescription();
  });
});

describe('KindLabel', () => {
  it.each([
    ['index', 'Index'],
    ['manifest', 'Manifest'],
    ['attestation', 'Attestation'],
    ['artifact', 'artifact'],
  ])('%s → %s', (kind, label) => {
    render(<KindLabel kind={kind} />);
    expect(screen.getByText(label, { exact: true })).toBeInTheDocument();
  });
});
