import { PolicyLike, selectPolicies } from './clock-policy-select';

const p = (id: string, kind: string, category: string | null, priority: string | null, unitKinds: string[] | null = null): PolicyLike => ({ id, kind, category, priority, unitKinds });

describe('selectPolicies', () => {
  const policies = [
    p('ack-any', 'acknowledge', null, null),
    p('ack-high', 'acknowledge', null, 'high'),
    p('verify-traf', 'legal_verify', 'trafficking', null),
    p('transfer-traf-commune', 'legal_transfer', 'trafficking', null, ['commune_police']),
  ];

  it('takes the most specific policy per kind', () => {
    expect(selectPolicies(policies, { category: 'trafficking', priority: 'high', unitKind: 'commune_police' }).map((x) => x.id)).toEqual(['ack-high', 'transfer-traf-commune', 'verify-traf']);
  });

  it('starts no legal clock for a category the policies do not name', () => {
    expect(selectPolicies(policies, { category: 'treatment_referral', priority: 'normal', unitKind: 'commune_police' }).map((x) => x.id)).toEqual(['ack-any']);
  });

  it('limits a policy to its unit kinds', () => {
    expect(selectPolicies(policies, { category: 'trafficking', priority: 'normal', unitKind: 'provincial_drug_police' }).map((x) => x.id)).toEqual(['ack-any', 'verify-traf']);
  });
});
