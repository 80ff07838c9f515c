import { describe, expect, it } from 'vitest';
import { bfgsSteps, type Objective } from '../../../src/models/bgnbd/bfgs';
import { nelderMeadSteps } from '../../../src/models/bgnbd/nelder-mead';

const rosenbrock: Objective = (x, gradient) => {
  const [u, v] = [x[0]!, x[1]!];
  gradient[0] = -2 * (1 - u) - 400 * u * (v - u * u);
  gradient[1] = 200 * (v - u * u);
  return (1 - u) ** 2 + 100 * (v - u * u) ** 2;
};

function finish<T>(steps: Generator<unknown, T>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, yields };
    yields++;
  }
}

describe('bfgsSteps', () => {
  it('finds the minimum of the Rosenbrock function, yielding once per iteration', () => {
    const { value, yields } = finish(
      bfgsSteps(rosenbrock, [-1.2, 1], { maxIterations: 200, gradientTolerance: 1e-10, maxStep: 1 }),
    );
    expect(value.reason).toBe('converged');
    expect(value.x[0]).toBeCloseTo(1, 8);
    expect(value.x[1]).toBeCloseTo(1, 8);
    expect(yields).toBe(value.iterations);
  });
  it('stops at its iteration budget', () => {
    const { value } = finish(bfgsSteps(rosenbrock, [-1.2, 1], { maxIterations: 3, gradientTolerance: 1e-10, maxStep: 1 }));
    expect(value.reason).toBe('max-iterations');
    expect(value.iterations).toBe(3);
  });
  it('steps back from where the objective is not finite', () => {
    const walled: Objective = (x, gradient) => (x[0]! > 0.5 ? Infinity : rosenbrock(x, gradient));
    const { value } = finish(bfgsSteps(walled, [-1.2, 1], { maxIterations: 200, gradientTolerance: 1e-10, maxStep: 1 }));
    expect(value.f).toBeLessThan(rosenbrock(Float64Array.of(-1.2, 1), new Float64Array(2)));
    expect(value.x[0]).toBeLessThanOrEqual(0.5);
  });
  it('reports an objective that is not finite at the start', () => {
    const { value } = finish(bfgsSteps(() => NaN, [0, 0], { maxIterations: 10, gradientTolerance: 1e-10, maxStep: 1 }));
    expect(value.reason).toBe('not-finite');
  });
});

describe('nelderMeadSteps', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const f = (x: Float64Array) => rosenbrock(x, new Float64Array(2));
    const { value } = finish(nelderMeadSteps(f, [-1.2, 1], { maxIterations: 2000, initialStep: 0.5, tolerance: 1e-10 }));
    expect(value.converged).toBe(true);
    expect(value.x[0]).toBeCloseTo(1, 4);
    expect(value.x[1]).toBeCloseTo(1, 4);
  });
});
