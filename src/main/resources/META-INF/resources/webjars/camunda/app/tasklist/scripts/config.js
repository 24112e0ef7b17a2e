/*
 * kenshin-outreach: the tasklist webapp in Japanese. Overrides Camunda's default config.js (same path in the
 * camunda-webapp-webjar); Camunda Services GmbH's original is under the Apache License 2.0.
 * - Japanese is the only locale, whatever the browser's language (locales/ja.json beside this folder).
 * - Dates shown as yyyy/mm/dd (the ja locale's date formats), in the browser's time zone (Asia/Tokyo at the ward).
 * - scripts/kenshin-ja.js: Japanese form messages, lang="ja", and the sign-in page when the session has ended.
 */
export default {
  app: {
    name: 'タスク一覧',
    vendor: '特定健診 受診勧奨'
  },
  dateFormat: {
    monthName: 'M月',
    day: 'DD',
    abbr: 'YYYY/MM/DD HH:mm',
    normal: 'YYYY/MM/DD HH:mm',
    long: 'YYYY年M月D日(ddd) HH:mm:ss',
    short: 'YYYY/MM/DD'
  },
  locales: {
    availableLocales: ['ja'],
    fallbackLocale: 'ja'
  },
  customScripts: ['scripts/kenshin-ja', 'scripts/kenshin-dashboard-link', 'scripts/kenshin-audit-link'],
  disableWelcomeMessage: true,
  shortcuts: {
    claimTask: { key: 'ctrl+alt+c', description: '選択中のタスクを担当する' },
    focusFilter: { key: 'ctrl+shift+f', description: '最初のフィルターに移る' },
    focusList: { key: 'ctrl+alt+l', description: 'タスク一覧の最初のタスクに移る' },
    focusForm: { key: 'ctrl+alt+f', description: 'フォームの最初の入力欄に移る' },
    startProcess: { key: 'ctrl+alt+p', description: 'プロセス開始のダイアログを開く' }
  },
};
