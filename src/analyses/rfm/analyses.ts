import { fail, ok } from '../../schema/problem';
import type { Row } from '../../schema/row';
import { finite, isoDate, list, nullable, oneOf, specValidator, text, type Check } from '../../schema/validate';
import { defineAnalysis, queryAnalysis, type RunContext, type RunOutput } from '../contract';
import { specFields } from '../spec-fields';
import {
  eventColumnsQuery,
  rfmCellsQuery,
  rfmCustomerQuery,
  rfmCustomersQuery,
  type RfmSpec,
  type ScoreBreaks,
} from './rfm-query';
import { defaultRfmSpec } from './rfm-settings';

/** Four strictly ascending numbers: the custom breaks of one score. */
const scoreBreaks: Check<ScoreBreaks> = (input, field) => {
  const numbers = list(finite, 4)(input, field);
  if (!numbers.ok) return numbers;
  const b = numbers.value;
  return b.length === 4 && b.every((v, i) => i === 0 || v > b[i - 1]!)
    ? ok(b)
    : fail('spec.invalid', { field, expected: '4 ascending numbers' });
};

const validateRfmSpec = specValidator({
  asOf: nullable(isoDate),
  frequency: oneOf(['orders', 'days']),
  orderColumn: specFields.column,
  monetary: oneOf(['total', 'mean']),
  split: oneOf(['mean', 'median']),
  rBreaks: nullable(scoreBreaks),
  fBreaks: nullable(scoreBreaks),
  mBreaks: nullable(scoreBreaks),
});

/**
 * The order column must be one of the events file's own columns; a spec from a link or a
 * re-import may name one that is gone. The answer is then no rows and the problem as data.
 */
async function missingOrderColumn(spec: RfmSpec, ctx: RunContext): Promise<RunOutput | null> {
  if (spec.orderColumn === null) return null;
  const columns = await ctx.query(eventColumnsQuery());
  if (columns.some((c) => c.column_name === spec.orderColumn)) return null;
  return { rows: [], tables: { problems: [{ code: 'rfm.missingColumn', column: spec.orderColumn }] } };
}

const metaColumns = ['t0', 'r_split', 'f_split', 'm_split'] as const;

/**
 * RFM value tiers: `rfm` gives the cells (scores x classic group) that the chart and the
 * group tables add up, with t0 and the high/low thresholds in `tables.meta`;
 * `rfm-customers` one row per customer; `rfm-customer` one customer's row with the default
 * settings (for the user profile; none without purchases); `rfm-columns` the events file's own columns.
 */
export const rfmAnalyses = {
  rfm: defineAnalysis({
    validateSpec: validateRfmSpec,
    run: async (spec, ctx) => {
      const missing = await missingOrderColumn(spec, ctx);
      if (missing) return missing;
      const cells = await ctx.query(rfmCellsQuery(spec));
      const first = cells[0];
      const meta: Row[] = first ? [Object.fromEntries(metaColumns.map((c) => [c, first[c] ?? null]))] : [];
      const rows = cells.map((r) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => !(metaColumns as readonly string[]).includes(k))),
      );
      return { rows, tables: { meta } };
    },
  }),
  'rfm-customers': defineAnalysis({
    validateSpec: validateRfmSpec,
    run: async (spec, ctx) => (await missingOrderColumn(spec, ctx)) ?? { rows: await ctx.query(rfmCustomersQuery(spec)) },
  }),
  'rfm-customer': queryAnalysis(specValidator({ userId: text(10_000) }), (spec) => rfmCustomerQuery(defaultRfmSpec, spec.userId)),
  'rfm-columns': queryAnalysis(specValidator({}), eventColumnsQuery),
};
