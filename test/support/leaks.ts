import { expect } from 'vitest';

/** No answer a client got may show how the service is built: no stack frame, no module path, no source file. */
export function expectNoInternalsIn(answers: readonly string[]): void {
  for (const text of answers) {
    expect(text).not.toMatch(/(^|\\n|\n)\s*at\s/);
    expect(text).not.toContain('node_modules');
    expect(text).not.toMatch(/\.[cm]?[jt]s:\d+/);
  }
}
