import { specValidator } from '../../schema/validate';
import { queryAnalysis } from '../contract';
import { fingerprintQuery } from './fingerprint-query';

/** The data fingerprint that an exported report carries. */
export const fingerprintAnalyses = {
  'data-fingerprint': queryAnalysis(specValidator({}), fingerprintQuery),
};
