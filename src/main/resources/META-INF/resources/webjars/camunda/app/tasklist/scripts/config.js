/*
 * kenshin-outreach: the tasklist webapp in Japanese. Overrides Camunda's default config.js (same path in the
 * camunda-webapp-webjar); Camunda Services GmbH's original is under the Apache License 2.0. What the webapps share
 * (Japanese only, dates as yyyy/mm/dd, kenshin-ja.js) is in /camunda/app/kenshin/kenshin-config.js.
 */
import { webappConfig } from '../../kenshin/kenshin-config.js';

export default webappConfig('タスク一覧', {
  scripts: ['../kenshin/kenshin-dashboard-link'],
  shortcuts: {
    claimTask: { key: 'ctrl+alt+c', description: '選択中のタスクを担当する' },
    focusFilter: { key: 'ctrl+shift+f', description: '最初のフィルターに移る' },
    focusList: { key: 'ctrl+alt+l', description: 'タスク一覧の最初のタスクに移る' },
    focusForm: { key: 'ctrl+alt+f', description: 'フォームの最初の入力欄に移る' },
    startProcess: { key: 'ctrl+alt+p', description: 'プロセス開始のダイアログを開く' }
  }
});
