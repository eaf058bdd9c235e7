import type { Command } from 'commander';

/** Placeholder until the SLA engine lands: registers `sla due` and `sla batch`. */
export function registerSlaCommands(program: Command): void {
  void program;
}
