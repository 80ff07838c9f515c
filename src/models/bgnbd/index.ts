export type { BgNbdParams, PurchaseSummary } from './types';
export { customerSummary } from './customer-summary';
export type { CustomerSummary, CustomerSummaryResult, PurchaseRecord, TimeUnit } from './customer-summary';
export { customerLogLikelihood, logLikelihood } from './log-likelihood';
export { fitBgNbd, fitBgNbdSteps } from './fit';
export type { BgNbdFit, FitOptions, FitProgress } from './fit';
export { probabilityAlive } from './p-alive';
export { conditionalExpectedPurchases, expectedPurchases } from './expected-purchases';
export { hyp2f1 } from './hyp2f1';
