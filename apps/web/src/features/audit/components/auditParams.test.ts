import { describe, expect, it } from 'vitest';
import { filterFromParams, hasFilters, localMidnight } from './auditParams';

describe('the audit filters in the address', () => {
  it('become the server’s filter, dates as whole local days', () => {
    const p = new URLSearchParams({
      actor: 'b9a0c3e2-0000-4000-8000-000000000001',
      group: 'lead',
      action: 'lead.read',
      entity: 'lead',
      entityId: ' 230a1908 ',
      from: '2025-01-01',
      to: '2025-01-31',
    });
    const { filter, rangeInvalid } = filterFromParams(p);
    expect(filter).toEqual({
      actorId: 'b9a0c3e2-0000-4000-8000-000000000001',
      group: 'lead',
      action: 'lead.read',
      entityType: 'lead',
      entityId: '230a1908',
      from: new Date(2025, 0, 1).toISOString(),
      to: new Date(2025, 1, 1).toISOString(),
    });
    expect(rangeInvalid).toBe(false);
    expect(hasFilters(p)).toBe(true);
  });

  it('drop what cannot be sent, and flag a backwards range', () => {
    const { filter, rangeInvalid } = filterFromParams(new URLSearchParams({ actor: 'nobody', from: '2025-02-01', to: '2025-01-01' }));
    expect(filter.actorId).toBeUndefined();
    expect(rangeInvalid).toBe(true);
    expect(localMidnight('31/01/2025')).toBeNull();
    expect(filterFromParams(new URLSearchParams()).filter).toEqual({});
    expect(hasFilters(new URLSearchParams({ page: '2' }))).toBe(false);
  });
});
