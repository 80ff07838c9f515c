// Lint fixture (test/integration/lint-rules.test.ts): the other half of the import cycle.
import { a } from './cycle-a';

export const b = (): number => (a.length > 0 ? 0 : 1);
