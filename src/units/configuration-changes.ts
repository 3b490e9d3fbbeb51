import { Injectable } from '@nestjs/common';

/**
 * In-process signal that units, coverage or rules changed (after commit), so this instance's
 * routing snapshot reloads at once; other instances notice through routing_state's version.
 */
@Injectable()
export class ConfigurationChanges {
  private readonly listeners: (() => void)[] = [];
  subscribe(listener: () => void): void {
    this.listeners.push(listener);
  }
  emit(): void {
    for (const l of this.listeners) l();
  }
}
