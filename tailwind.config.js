// Semantic colour tokens: components use these names, the values live in CSS variables
// (src/index.css) so light and dark are one switch of variables, never a second palette.
const token = (name) => `rgb(var(--${name}) / <alpha-value>)`;

/** @type {import('tailwindcss').Config} */
export default {
  darkMode: ['class'],
  content: ['./index.html', './src/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        bg: token('bg'),
        fg: token('fg'),
        muted: token('muted'),
        'muted-fg': token('muted-fg'),
        surface: token('surface'),
        border: token('border'),
        ring: token('ring'),
        accent: token('accent'),
        'accent-fg': token('accent-fg'),
        success: token('success'),
        'success-fg': token('success-fg'),
        warning: token('warning'),
        'warning-fg': token('warning-fg'),
        danger: token('danger'),
        'danger-fg': token('danger-fg'),
        info: token('info'),
        'info-fg': token('info-fg'),
      },
      fontFamily: {
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'monospace'],
      },
    },
  },
};
