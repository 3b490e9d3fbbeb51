import { needsSecondAdmin } from './staff-approval';

describe('needsSecondAdmin', () => {
  const commune = { kind: 'commune_police', parentId: 'p' };
  const province = { kind: 'provincial_drug_police', parentId: 'm' };
  const top = { kind: 'triage', parentId: null };

  it('asks a second admin for supervisors and auditors at provincial level or above, and for admins', () => {
    expect(needsSecondAdmin('supervisor', province)).toBe(true);
    expect(needsSecondAdmin('auditor', province)).toBe(true);
    expect(needsSecondAdmin('supervisor', top)).toBe(true);
    expect(needsSecondAdmin('admin', commune)).toBe(true);
  });

  it('lets one admin give local and operational roles', () => {
    expect(needsSecondAdmin('supervisor', commune)).toBe(false);
    expect(needsSecondAdmin('officer', province)).toBe(false);
    expect(needsSecondAdmin('unit_lead', province)).toBe(false);
    expect(needsSecondAdmin('hotline_operator', top)).toBe(false);
  });
});
