import { grains } from '../schema/period';
import { list, nullable, oneOf, text } from '../schema/validate';

/** Spec fields that several analyses share, checked the same way everywhere. */
export const specFields = {
  grain: oneOf(grains),
  weekStart: oneOf(['monday', 'sunday']),
  /** An event name as loaded, or null for any event. */
  event: nullable(text(1000)),
  /** Core events that make a user active; empty = any event. */
  coreEvents: list(text(1000), 200),
  /** A column name as loaded, or null for none. */
  column: nullable(text(1000)),
} as const;
