import { SharedRuns } from './shared-runs';

/**
 * The temporary tables of a workspace's shared steps (RunContext.table), in its connection and
 * gone with it: each named once per key (scope and step), so a step made again (forgotten, or
 * after a new zone) replaces its own table instead of adding one. They are small (counts per
 * day or per pair of days), so many more are kept than shared values.
 */
export class StepTables {
  /** Which steps are made, shared while they are being made (as SharedRuns shares values). */
  readonly runs: SharedRuns;
  private readonly names: Map<string, string>;

  constructor(names = new Map<string, string>()) {
    this.names = names;
    this.runs = new SharedRuns(32);
  }

  nameOf(key: string): string {
    let name = this.names.get(key);
    if (name === undefined) {
      name = `strata_step_${this.names.size + 1}`;
      this.names.set(key, name);
    }
    return name;
  }

  /** The same names with every step to be made again (the data changed: a new zone). */
  renewed(): StepTables {
    return new StepTables(this.names);
  }
}
