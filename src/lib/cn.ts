// Class names joined with clsx: conditional classes without string juggling in JSX.
import { clsx, type ClassValue } from 'clsx';

export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
