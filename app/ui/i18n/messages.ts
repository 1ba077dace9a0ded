/**
 * Every user-facing string of the screens, in Japanese (default) and English. The English table is typed
 * against the Japanese keys, so a missing key fails to compile. `{name}` marks a parameter.
 */
export const ja = {
  'app.title': 'マイナンバーカード年齢確認',
  'app.subtitle': '生年月日だけを使って年齢を確認します。マイナンバー（個人番号）は読み取りません。',

  'settings.heading': '設定',
  'settings.staff': 'スタッフ設定',
  'settings.threshold': '確認する年齢',
  'settings.customAge': '年齢（歳）',
  'settings.mode': '運用モード',
  'settings.language': '言語 / Language',
  'settings.idleReset': '自動リセット（秒）',
  'preset.alcohol': '酒類（20歳）',
  'preset.tobacco': 'たばこ（20歳）',
  'preset.public-racing': '公営競技（20歳）',
  'preset.toto': 'スポーツくじ（19歳）',
  'preset.adulthood': '成年（18歳）',
  'preset.custom': 'その他',
  'mode.clerk': '店員（対面）',
  'mode.kiosk': 'セルフ（キオスク）',

  'method.jpki-signature.title': '署名用電子証明書',
  'method.jpki-signature.needs': 'カードリーダーにカードを置き、お客様が署名用パスワード（6〜16桁）を入力します。',
  'method.number-b.title': '照合番号B',
  'method.number-b.needs':
    '券面の生年月日（和暦6桁）・有効期限の年・セキュリティコードの14桁と、カードリーダーが必要です。',
  'method.card-face-ocr.title': '券面読み取り（カメラ）',
  'method.card-face-ocr.needs': 'カメラでカードのおもて面を読み取ります。裏面は写さないでください。',
  'method.state.unavailable': 'まだ利用できません（準備中）',
  'method.state.checking': '確認中…',
  'method.state.busy': '別の方法で確認中です',
  'method.state.decided': '判定済み',

  'session.idle': 'お客様のカードで年齢を確認してください。',
  'session.checking': '確認中です。カードを動かさないでください。',

  'verdict.of-age': '{age}歳以上です',
  'verdict.under-age': '{age}歳未満です',
  'verdict.staff-check': '係員が確認します',
  'verdict.cannot-verify': '確認できません',
  'verdict.symbol.of-age': '○',
  'verdict.symbol.under-age': '×',
  'verdict.symbol.staff-check': '!',
  'verdict.symbol.cannot-verify': '?',
  'verdict.kiosk.staff-check': '係員をお呼びしています。そのままお待ちください。',
  'verdict.kiosk.cannot-verify': '係員にお声がけください。',
  'verdict.threshold': '基準: {age}歳',
  'verdict.assurance': '確認方法: {assurance}',
  'verdict.demo': 'デモ',
  'verdict.next': '次のお客様',
  'verdict.autoReset': '{seconds}秒操作がないと最初の画面に戻ります。',

  'assurance.chip-signature-with-password': 'ICチップの署名とパスワード',
  'assurance.chip-read-with-number-b': '照合番号BによるICチップの読み取り',
  'assurance.card-face': '券面の読み取りのみ',
} as const;

export type MessageKey = keyof typeof ja;

export const en: Readonly<Record<MessageKey, string>> = {
  'app.title': 'My Number Card age check',
  'app.subtitle': 'Checks age from the date of birth only. The My Number (individual number) is never read.',

  'settings.heading': 'Settings',
  'settings.staff': 'Staff settings',
  'settings.threshold': 'Minimum age for',
  'settings.customAge': 'Age (years)',
  'settings.mode': 'Mode',
  'settings.language': '言語 / Language',
  'settings.idleReset': 'Automatic reset (seconds)',
  'preset.alcohol': 'Alcohol (20)',
  'preset.tobacco': 'Tobacco (20)',
  'preset.public-racing': 'Public racing bets (20)',
  'preset.toto': 'Sports lottery (19)',
  'preset.adulthood': 'Adulthood (18)',
  'preset.custom': 'Other',
  'mode.clerk': 'Clerk (counter)',
  'mode.kiosk': 'Self-service (kiosk)',

  'method.jpki-signature.title': 'Signature certificate',
  'method.jpki-signature.needs':
    'The card on a card reader; the customer enters the signature password (6–16 characters).',
  'method.number-b.title': 'Verification number B',
  'method.number-b.needs':
    'The 14 digits from the card face (birth date in the era calendar, expiry year, security code) and a card reader.',
  'method.card-face-ocr.title': 'Card face (camera)',
  'method.card-face-ocr.needs': 'The camera reads the front of the card. Never show the back.',
  'method.state.unavailable': 'Not available yet',
  'method.state.checking': 'Checking…',
  'method.state.busy': 'Another check is running',
  'method.state.decided': 'Decided',

  'session.idle': "Check the customer's age with their card.",
  'session.checking': 'Checking. Please keep the card still.',

  'verdict.of-age': '{age} or older',
  'verdict.under-age': 'Under {age}',
  'verdict.staff-check': 'Staff will check',
  'verdict.cannot-verify': 'Cannot verify',
  'verdict.symbol.of-age': '○',
  'verdict.symbol.under-age': '×',
  'verdict.symbol.staff-check': '!',
  'verdict.symbol.cannot-verify': '?',
  'verdict.kiosk.staff-check': 'A member of staff is on the way. Please wait here.',
  'verdict.kiosk.cannot-verify': 'Please ask a member of staff.',
  'verdict.threshold': 'Minimum age: {age}',
  'verdict.assurance': 'Checked by: {assurance}',
  'verdict.demo': 'Demo',
  'verdict.next': 'Next customer',
  'verdict.autoReset': 'The screen resets after {seconds} seconds without input.',

  'assurance.chip-signature-with-password': 'chip signature and password',
  'assurance.chip-read-with-number-b': 'chip read with verification number B',
  'assurance.card-face': 'printed card face only',
};

export const MESSAGES = { ja, en } as const;
