/**
 * Proof that the core boundary is enforced, not just written down: ESLint (the project's own
 * config, through its Node API) refuses framework, DOM-state and Node imports and nondeterminism in
 * src/core, and accepts the same code elsewhere and clean code in the core.
 */
import { ESLint } from 'eslint';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cwd = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd });

async function lint(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.severity === 2);
}

const FORBIDDEN = `import { useState } from 'react';
import { create } from 'zustand';
import { ReactFlow } from '@xyflow/react';
import { readFileSync } from 'node:fs';
export const all = [useState, create, ReactFlow, readFileSync];
export const roll = Math.random();
export const now = Date.now();
`;

describe('the src/core lint boundary', () => {
  it('refuses react, zustand, @xyflow/react, node:fs, Math.random() and Date.now() in src/core', async () => {
    const errors = await lint(FORBIDDEN, 'src/core/__boundary__.ts');
    const imports = errors.filter((m) => m.ruleId === 'no-restricted-imports');
    expect(imports.map((m) => m.line)).toEqual([1, 2, 3, 4]);
    expect(imports[0]!.message).toContain('src/core is framework-free');
    expect(imports[3]!.message).toContain('no Node built-ins');
    const properties = errors.filter((m) => m.ruleId === 'no-restricted-properties');
    expect(properties.map((m) => m.line)).toEqual([6, 7]);
    expect(properties[0]!.message).toContain('seeded PRNG');
  });

  it('refuses imports from the UI, state or CLI layers', async () => {
    const errors = await lint(`import { x } from '../ui/app/App';\nimport { y } from '../../cli/main';\nexport const z = [x, y];\n`, 'src/core/sim/__boundary__.ts');
    expect(errors.filter((m) => m.ruleId === 'no-restricted-imports')).toHaveLength(2);
  });

  it('accepts clean core code', async () => {
    const clean = `import { z } from 'zod';\nimport { DEFAULTS } from './schema/defaults';\nexport const schema = z.number().default(DEFAULTS.simulation.seed);\n`;
    expect(await lint(clean, 'src/core/__boundary__.ts')).toEqual([]);
  });

  it('applies only to src/core: the UI may import React and zustand', async () => {
    const errors = await lint(FORBIDDEN, 'src/ui/__boundary__.ts');
    expect(errors.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-properties')).toEqual([]);
  });
});
