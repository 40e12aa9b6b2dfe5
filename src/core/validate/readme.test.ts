import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, DIAGNOSTICS } from './index';
import readme from './README.md?raw';

describe('src/core/validate/README.md', () => {
  it.each(DIAGNOSTIC_CODES)('lists %s with its severity', (code) => {
    expect(readme).toContain(`| \`${code}\` | ${DIAGNOSTICS[code].severity} |`);
  });
});
