/**
 * What a verdict rests on, in words a clerk can repeat to a customer or an auditor. The policy owns these
 * texts because they state its rules; the UI shows them as they are.
 */

/** Why a verdict came out as it did. */
export type ReasonCode =
  | 'check-failed'
  | 'invalid-threshold'
  | 'invalid-clock'
  | 'invalid-birth-date'
  | 'birth-date-in-future'
  | 'invalid-card-expiry'
  | 'card-expired'
  | 'certificate-revoked'
  | 'revocation-not-checked'
  | 'revocation-check-required'
  | 'below-minimum-age'
  | 'meets-minimum-age'
  | 'holder-proven-by-password'
  | 'chip-proven-genuine'
  | 'chip-not-genuine'
  | 'holder-not-proven'
  | 'staff-must-compare-photo'
  | 'staff-must-compare-chip-photo'
  | 'staff-must-check-card'
  | 'kiosk-needs-staff'
  | 'demo-card';

/** A reason with its text in both languages. */
export interface VerdictReason {
  readonly code: ReasonCode;
  readonly ja: string;
  readonly en: string;
}

const TEXTS: Readonly<Record<ReasonCode, { readonly ja: string; readonly en: string }>> = Object.freeze({
  'check-failed': {
    ja: '読み取りまたは検証ができませんでした。',
    en: 'The card could not be read or verified.',
  },
  'invalid-threshold': {
    ja: '年齢の基準が正しく設定されていません。',
    en: 'The minimum age is not set correctly.',
  },
  'invalid-clock': {
    ja: '端末の日付を確認できません。',
    en: "The device's date cannot be trusted.",
  },
  'invalid-birth-date': {
    ja: '生年月日を正しく読み取れませんでした。',
    en: 'The date of birth could not be read reliably.',
  },
  'birth-date-in-future': {
    ja: '生年月日が今日より後になっています。',
    en: 'The date of birth is after today.',
  },
  'invalid-card-expiry': {
    ja: 'カードの有効期限を正しく読み取れませんでした。',
    en: "The card's expiry could not be read reliably.",
  },
  'card-expired': {
    ja: 'カードの有効期限が切れているか、切れている可能性があります。券面の有効期限を確認してください。',
    en: 'The card has expired or may have expired. Check the expiry printed on the card.',
  },
  'certificate-revoked': {
    ja: '電子証明書が失効しています。',
    en: 'The certificate has been revoked.',
  },
  'revocation-not-checked': {
    ja: '電子証明書の失効確認はしていません。',
    en: 'Certificate revocation was not checked.',
  },
  'revocation-check-required': {
    ja: '設定により失効確認が必要ですが、確認できませんでした。',
    en: 'Settings require a revocation check, and none was made.',
  },
  'below-minimum-age': {
    ja: '基準の年齢に達していません。',
    en: 'Below the minimum age.',
  },
  'meets-minimum-age': {
    ja: '基準の年齢に達しています。',
    en: 'Meets the minimum age.',
  },
  'holder-proven-by-password': {
    ja: 'ICチップの署名とパスワードで本人であることを確認しました。',
    en: 'The chip signature and password prove the customer holds the card.',
  },
  'chip-proven-genuine': {
    ja: 'ICチップが本物であることを確認しました（J-LISの署名と、その場で求めたICチップの応答）。',
    en: 'The chip is genuine: its J-LIS signatures and its answer to a fresh challenge verified.',
  },
  'chip-not-genuine': {
    ja: 'ICチップが本物であることを確認できません。',
    en: 'The chip could not be proven genuine.',
  },
  'holder-not-proven': {
    ja: '生年月日はICチップの署名で確認しましたが、お客様がカードの持ち主であることは確認していません。',
    en: 'The chip signature confirms the date of birth, but not that the customer holds the card.',
  },
  'staff-must-compare-photo': {
    ja: 'カードの顔写真とお客様を見比べてください。',
    en: 'Compare the photo on the card with the customer.',
  },
  'staff-must-compare-chip-photo': {
    ja: 'ICチップに記録された顔写真とお客様を見比べてください（写真を表示しています）。',
    en: 'Compare the photo stored in the chip (shown here) with the customer.',
  },
  'staff-must-check-card': {
    ja: '券面を読み取っただけです。カードが本物で、お客様本人のものか確認してください。',
    en: 'Only the printed face was read. Check that the card is genuine and belongs to the customer.',
  },
  'kiosk-needs-staff': {
    ja: 'この方法では本人確認ができないため、係員が確認します。',
    en: 'This method does not prove the holder, so a member of staff will check.',
  },
  'demo-card': {
    ja: 'デモ用の仮想カードによる判定です。実際の販売には使えません。',
    en: 'Decided from the virtual demo card. Not valid for a real sale.',
  },
});

/** The reason with its texts. */
export function reason(code: ReasonCode): VerdictReason {
  return { code, ...TEXTS[code] };
}
