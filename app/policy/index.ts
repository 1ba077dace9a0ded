/**
 * The shared date-of-birth policy: every method's date of birth passes through here. Pure TypeScript with no
 * DOM and no import from the rest of the project.
 */
export { PolicyError, isPolicyError, type PolicyErrorCode } from './policy-error';
export { isLeapYear, daysInMonth, parseIsoDate, formatIsoDate, type CalendarDate } from './iso-date';
export { japanDate } from './japan-date';
export { ageOn } from './age';
export {
  ERAS,
  eraDigits,
  eraDateToIso,
  erasOf,
  datesFromEraDigits,
  findEra,
  type Era,
  type EraName,
} from './era-calendar';
export {
  cardDateToIso,
  compactCardText,
  findCardDates,
  parseCardDate,
  splitCardDate,
  type CardDateInLine,
  type CardDateSuffix,
  type CardFaceDateParts,
} from './card-face-date';
export { parseJpkiBirthDate, parseChipBirthDate } from './chip-date';
export {
  THRESHOLD_PRESETS,
  CUSTOM_MINIMUM_AGE,
  isValidMinimumAge,
  minimumAgeFor,
  type ThresholdPresetId,
} from './thresholds';
export {
  decideAge,
  CHIP_CHECKS,
  type Assurance,
  type ChipCheck,
  type BirthDateEvidence,
  type CardExpiry,
  type DecisionInput,
  type FailedEvidence,
  type OperatingMode,
  type RevocationStatus,
  type Verdict,
  type VerdictOutcome,
} from './decide-age';
export { type ReasonCode, type VerdictReason } from './verdict-reasons';
