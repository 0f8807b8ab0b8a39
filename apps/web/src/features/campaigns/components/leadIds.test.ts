import { describe, expect, it } from 'vitest';
import { parseLeadIds } from './leadIds';

const A = '6f1c2a34-0000-4000-8000-000000000001';
const B = '6F1C2A34-0000-4000-8000-000000000002';

describe('pasted lead ids', () => {
  it('are read whatever separates them, each once', () => {
    expect(parseLeadIds(`${A}, ${B}\n"${A}"\t${B.toLowerCase()};`)).toEqual({ ids: [A, B.toLowerCase()], invalid: [] });
  });

  it('give back the pieces that are not ids', () => {
    expect(parseLeadIds(`${A} 12345 asha@example.com`)).toEqual({ ids: [A], invalid: ['12345', 'asha@example.com'] });
    expect(parseLeadIds('  \n ')).toEqual({ ids: [], invalid: [] });
  });
});
