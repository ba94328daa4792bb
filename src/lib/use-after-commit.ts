// False on the first render, true one task later: for requests that must not compete with
// showing what is already known (the page is committed and on its way to the screen first).
// A timeout rather than requestAnimationFrame, which never fires in a hidden tab.
import { useEffect, useState } from 'react';

export function useAfterCommit(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => setAfter(true), 0);
    return () => clearTimeout(id);
  }, []);
  return after;
}
