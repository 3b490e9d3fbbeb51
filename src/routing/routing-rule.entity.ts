import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RuleScopeLevel = 'national' | 'province' | 'district' | 'commune';
export type RuleTarget = { type: 'unit'; unitId: string } | { type: 'covering'; kind: string };
export type RulePriority = 'low' | 'normal' | 'high' | 'urgent';

/**
 * (category, locality scope, period) → target, notified units, priority. `category` null is a
 * fallback rule, tried only after every category rule. A change closes the rule (valid_to) and
 * inserts its successor: rules are never deleted, so a case's `routing_rule_id` always resolves.
 */
@Entity({ name: 'routing_rules' })
@Index('IDX_routing_rules_scope', ['scopeCode'])
@Check('CHK_routing_rules_period', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
@Check('CHK_routing_rules_priority', `"priority" IN ('low','normal','high','urgent')`)
@Check(
  'CHK_routing_rules_scope',
  `("scope_level" = 'national' AND "scope_code" IS NULL) OR ("scope_level" IN ('province','district','commune') AND "scope_code" IS NOT NULL)`,
)
export class RoutingRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ name: 'scope_level', type: 'text' })
  scopeLevel: RuleScopeLevel;

  @Column({ name: 'scope_code', type: 'text', nullable: true })
  scopeCode: string | null;

  @Column({ type: 'jsonb' })
  target: RuleTarget;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  notify: RuleTarget[];

  @Column({ type: 'text' })
  priority: RulePriority;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  /** The rule this one replaced (history chain). */
  @Column({ name: 'replaces_id', type: 'uuid', nullable: true })
  replacesId: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
