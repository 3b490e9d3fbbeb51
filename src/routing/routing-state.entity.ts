import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row whose version is bumped by a trigger on every write to localities, successors, units,
 * coverage and rules: each instance compares it with its cached snapshot's version.
 */
@Entity({ name: 'routing_state' })
export class RoutingState {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'bigint' })
  version: string;
}
