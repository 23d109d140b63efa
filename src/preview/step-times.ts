/** Time one step of an update took: wall time, and this process's CPU time in it (user + system). */
export interface StepTime {
  step: string;
  ms: number;
  cpuMs: number;
}

/**
 * Times the steps of one update in turn, so a slow edit says where its time went (the
 * benchmarks print them). CPU time is the process's, worker threads included; an update
 * runs on the main thread, so on a loaded machine it is the number to compare, not wall time.
 */
export class StepTimes {
  readonly steps: StepTime[] = [];
  #wall = performance.now();
  #cpu = process.cpuUsage();

  /** Closes the step that ran since the last mark (or since this object was made). */
  mark(step: string): void {
    const wall = performance.now();
    const cpu = process.cpuUsage(this.#cpu);
    this.steps.push({ step, ms: wall - this.#wall, cpuMs: (cpu.user + cpu.system) / 1000 });
    this.#wall = wall;
    this.#cpu = process.cpuUsage();
  }
}
