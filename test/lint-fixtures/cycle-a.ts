// Lint fixture (test/integration/lint-rules.test.ts): half of an import cycle.
import { b } from './cycle-b';

export const a = (): number => b() + 1;
