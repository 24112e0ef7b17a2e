/*
 * kenshin-outreach: what the four webapps' config.js share, imported by each (../../kenshin/kenshin-config.js).
 * - Japanese is the only locale, whatever the browser's language (locales/ja.json of each webapp).
 * - Dates shown as yyyy/mm/dd (the ja locale's date formats), in the browser's time zone (Asia/Tokyo at the ward).
 * - kenshin-ja.js in every webapp: Japanese form messages, lang="ja", and the sign-in page when the session has ended.
 *   customScripts are loaded from /camunda/app/<webapp>/, so '../kenshin/' is this folder.
 */
export function webappConfig(name, { scripts = [], ...more } = {}) {
  return {
    app: {
      name,
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
    customScripts: ['../kenshin/kenshin-ja', ...scripts],
    disableWelcomeMessage: true,
    ...more
  };
}
