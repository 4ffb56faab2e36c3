import type { ReactNode } from 'react';

/**
 * An agency or unit as people know it: the directory's name, its code (mã định danh) beside it as a small hint for the
 * clerk who checks one; a bare code only when no name is known. `name` may be given already rendered (highlighted).
 */
export function OrganName({ name, code, testId }: { name: ReactNode; code: string | null; testId?: string }) {
  if (!name) return <span data-testid={testId}>{code ?? ''}</span>;
  return (
    <span data-testid={testId}>
      {name}
      {code && <span className="code-hint" data-testid="organ-code">{code}</span>}
    </span>
  );
}
