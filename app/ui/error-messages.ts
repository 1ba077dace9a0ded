/**
 * What to tell the user for each error code that can end a check: one typed, exhaustive map, so a new code
 * without words fails to compile. Later layers (card, transport) add their codes to `ErrorCode`.
 */
import type { CardErrorCode } from '../card/card-errors';
import type { TransportErrorCode } from '../card/transport';
import type { RevocationErrorCode } from '../methods/jpki-signature/revocation';
import type { BridgeUiErrorCode } from '../readers/pcsc-bridge/errors';
import type { PolicyErrorCode } from '../policy';

/** 照合番号B has 3 or fewer tries left: nothing was sent. */
type NumberBErrorCode = 'number-b.too-few-tries';
/** The surface AP's birth-date key has too few tries left: nothing was sent. */
type AgeRecordErrorCode = 'age-record.too-few-tries';
/** The printed expiry contradicts the printed birthday on an era-printed card. */
type CardFaceErrorCode = 'card-face.expiry-mismatch' | 'camera.denied' | 'camera.unavailable';

export type ErrorCode =
  | PolicyErrorCode
  | TransportErrorCode
  | CardErrorCode
  | RevocationErrorCode
  | NumberBErrorCode
  | AgeRecordErrorCode
  | CardFaceErrorCode
  | BridgeUiErrorCode
  | 'unexpected';

export interface ErrorMessage {
  readonly ja: string;
  readonly en: string;
}

export const ERROR_MESSAGES: Readonly<Record<ErrorCode, ErrorMessage>> = Object.freeze({
  'policy.invalid-date': {
    ja: '日付として正しくありません。',
    en: 'That is not a valid date.',
  },
  'policy.date-outside-era': {
    ja: 'その元号にない日付です（例: 昭和64年1月8日は平成元年）。',
    en: 'That date is not in the given era (e.g. 昭和64年1月8日 is 平成元年).',
  },
  'policy.unrecognised-date': {
    ja: '日付の形式を読み取れません。',
    en: 'The date is not in a recognised format.',
  },
  'policy.unknown-birth-date': {
    ja: '電子証明書に生年月日が記録されていません。',
    en: 'The certificate records no date of birth.',
  },
  'policy.era-code-mismatch': {
    ja: '電子証明書の生年月日が正しくありません。',
    en: "The certificate's date of birth is inconsistent.",
  },
  'policy.birth-date-in-future': {
    ja: '生年月日が今日より後です。',
    en: 'The date of birth is after today.',
  },
  'policy.invalid-threshold': {
    ja: '確認する年齢の設定が正しくありません。',
    en: 'The minimum age setting is invalid.',
  },
  'policy.birth-date-mismatch': {
    ja: 'ICチップの生年月日と入力した照合番号Bが一致しません。カードを確認してください。',
    en: 'The date of birth on the chip does not match the number B entered. Check the card.',
  },
  'transport.no-card': {
    ja: 'カードがありません。カードをリーダーの上に置いてください。',
    en: 'No card. Place the card on the reader.',
  },
  'transport.card-removed': {
    ja: '読み取り中にカードが離れました。カードを置き直して、もう一度お試しください。',
    en: 'The card was moved away during the read. Place it again and retry.',
  },
  'transport.reader-unplugged': {
    ja: 'カードリーダーが外れました。USBケーブルを確認して、リーダーを接続し直してください。',
    en: 'The card reader was disconnected. Check the USB cable and connect the reader again.',
  },
  'transport.timeout': {
    ja: 'カードリーダーが応答しません。リーダーを挿し直してください。',
    en: 'The card reader does not answer. Plug it in again.',
  },
  'transport.permission-denied': {
    ja: 'カードリーダーの使用が許可されていません。',
    en: 'Access to the card reader was not allowed.',
  },
  'transport.reader-access-denied': {
    ja: 'パソコンの設定で、このリーダーをブラウザーから使えません。管理者にリーダーの設定を依頼してください。その間は他の確認方法を使えます。',
    en: 'This computer’s settings do not let the browser use this reader. Ask the administrator to set the reader up; meanwhile use another way of checking.',
  },
  'transport.reader-in-use': {
    ja: '他のソフトやタブがこのリーダーを使っています。他のタブやリーダー用ソフトを閉じてから、もう一度つないでください。',
    en: 'Another program or tab is using this reader. Close other tabs and reader software, then connect again.',
  },
  'transport.not-supported': {
    ja: 'このブラウザではこのリーダーを使えません。Sony PaSoRi（RC-S380）か PC/SC ブリッジをお使いください。',
    en: 'This browser cannot use this reader. Use a Sony PaSoRi (RC-S380) or the PC/SC bridge.',
  },
  'transport.busy': {
    ja: '別の読み取りが終わるまでお待ちください。',
    en: 'Wait until the other read has finished.',
  },
  'transport.protocol': {
    ja: 'カードリーダーとの通信が乱れました。もう一度お試しください。',
    en: 'Communication with the reader was garbled. Please try again.',
  },
  'transport.aborted': {
    ja: '取り消しました。',
    en: 'Cancelled.',
  },
  'bridge.pairing-refused': {
    ja: 'ペアリングコードが違います（一度使ったコードは使えません）。ブリッジに表示されている最新のコードを入力してください。何度やっても失敗する場合は、ブリッジ以外のプログラムが応答している可能性があります。',
    en: 'Wrong pairing code (a code works only once). Enter the latest code shown by the bridge. If it keeps failing, another program may be answering in place of the bridge.',
  },
  'bridge.pairing-expired': {
    ja: 'ペアリングコードの有効期限が切れました。ブリッジに表示された新しいコードを入力してください。',
    en: 'The pairing code expired. Enter the new code shown by the bridge.',
  },
  'bridge.pairing-locked': {
    ja: '間違いが続いたため、この画面からのペアリングを一時的に止めています（最長5分）。しばらく待ってから、ブリッジに表示されている最新のコードを入力してください。',
    en: 'Too many wrong codes: pairing from this app is paused (5 minutes at most). Wait, then enter the latest code the bridge shows.',
  },
  'bridge.code-format': {
    ja: 'ペアリングコードは6桁の数字です。',
    en: 'The pairing code is 6 digits.',
  },
  'bridge.unreachable': {
    ja: 'PC/SCブリッジに接続できません。ブリッジが起動しているか確認してください。',
    en: 'Cannot reach the PC/SC bridge. Check that it is running.',
  },
  'bridge.unpaired': {
    ja: 'PC/SCブリッジとペアリングしていません。',
    en: 'Not paired with the PC/SC bridge.',
  },
  'bridge.untrusted': {
    ja: 'ブリッジのポートで応答しているプログラムを、ペアリングしたブリッジと確認できません。カードの情報は送っていません。管理者に連絡してください。',
    en: 'The program answering on the bridge port cannot prove it is the paired bridge. Nothing from the card was sent. Contact your administrator.',
  },
  'card.status': {
    ja: 'カードがエラーを返しました。',
    en: 'The card returned an error.',
  },
  'card.pin-rejected': {
    ja: '暗証番号が違います。',
    en: 'The PIN or password is wrong.',
  },
  'card.pin-blocked': {
    ja: '暗証番号がロックされています。お住まいの市区町村の窓口で再設定してください。',
    en: 'The PIN is locked. The holder must have it reset at their municipal office.',
  },
  'card.pin-too-few-tries': {
    ja: '残り回数が少ないため、照合しません。',
    en: 'Too few tries are left to risk another attempt.',
  },
  'card.verify-odd-status': {
    ja: 'カードが想定外の応答をしたため、確認を中止しました。暗証番号は再送していません。',
    en: 'The card gave an unexpected answer, so the check stopped. The PIN was not sent again.',
  },
  'card.parse': {
    ja: 'カードのデータを読み取れませんでした。',
    en: 'The data on the card could not be read.',
  },
  'card.certificate-untrusted': {
    ja: '電子証明書を信頼できる発行元で確認できませんでした。',
    en: 'The certificate does not come from a trusted issuer.',
  },
  'card.certificate-expired': {
    ja: '署名用電子証明書の有効期限が切れています。市区町村の窓口で更新が必要です。',
    en: 'The signature certificate has expired; the holder must renew it at the municipal office.',
  },
  'card.certificate-not-yet-valid': {
    ja: '署名用電子証明書がまだ有効になっていません。端末の時計を確認してください。',
    en: "The signature certificate is not valid yet. Check the device's clock.",
  },
  'card.certificate-key-usage': {
    ja: '署名用の電子証明書ではありません。',
    en: 'This is not a signature certificate.',
  },
  'card.certificate-policy': {
    ja: '公的個人認証の署名用電子証明書ではありません。',
    en: 'This is not a JPKI signature certificate.',
  },
  'card.birth-date-missing': {
    ja: '電子証明書に生年月日がありません。',
    en: 'The certificate carries no date of birth.',
  },
  'card.signature-invalid': {
    ja: 'カードの署名を確認できませんでした。',
    en: "The card's signature could not be verified.",
  },
  'revocation.unavailable': {
    ja: '失効確認サービスに接続できませんでした。',
    en: 'The revocation service could not be reached.',
  },
  'revocation.timeout': {
    ja: '失効確認サービスが時間内に応答しませんでした。',
    en: 'The revocation service did not answer in time.',
  },
  'number-b.too-few-tries': {
    ja: '照合番号Bの残り回数が3回以下のため照合しません。カードがロックされるおそれがあります。券面の生年月日・有効期限・セキュリティコードを確認してください。',
    en: 'Number B has 3 or fewer tries left, so it was not sent: the card is at risk of locking. Check the birth date, expiry year and security code on the card.',
  },
  'card-face.expiry-mismatch': {
    ja: '券面の有効期限が生年月日と合いません（日本国籍の方のカードは誕生日が期限です）。カードを確認してください。',
    en: "The printed expiry does not match the birthday (Japanese nationals' cards expire on the birthday). Check the card.",
  },
  'camera.denied': {
    ja: 'カメラの使用が許可されていません。ブラウザの設定で許可してください。',
    en: 'Camera access was not allowed. Allow it in the browser settings.',
  },
  'camera.unavailable': {
    ja: 'カメラを使えません。画像ファイルを使ってください。',
    en: 'No camera is available. Use an image file instead.',
  },
  unexpected: {
    ja: '予期しないエラーが発生しました。',
    en: 'An unexpected error occurred.',
  },
  'age-record.too-few-tries': {
    ja: 'ICチップの生年月日の照合は残り回数が少ないため行いません（カードを守るため）。照合番号Bか署名用パスワードで確認してください。',
    en: "The chip's birth-date key has few tries left, so it was not used (to protect the card). Use number B or the signature password.",
  },
  'card.chip-not-genuine': {
    ja: 'ICチップが本物であることを確認できません。カードを係員が確認してください。',
    en: 'The chip could not be proven genuine. A member of staff must check the card.',
  },
  'card.chip-keys-not-configured': {
    ja: 'ICチップを確認するための鍵が設定されていません（管理者に連絡してください）。',
    en: 'The keys to check the chip are not configured (contact the administrator).',
  },
  'card.forbidden': {
    ja: 'マイナンバーを含むデータは読み取りません。',
    en: 'Data that holds the My Number is never read.',
  },
});

/** Words for an error code from any layer; codes without an entry get a general message (never silence). */
export function errorMessage(code: string): ErrorMessage {
  return Object.hasOwn(ERROR_MESSAGES, code)
    ? ERROR_MESSAGES[code as ErrorCode]
    : { ja: `エラーが発生しました（${code}）。`, en: `An error occurred (${code}).` };
}
