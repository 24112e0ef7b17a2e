/*
 * kenshin-outreach: the cockpit webapp in Japanese. Overrides Camunda's default config.js (same path in the
 * camunda-webapp-webjar); Camunda Services GmbH's original is under the Apache License 2.0. What the webapps share
 * (Japanese only, dates as yyyy/mm/dd, kenshin-ja.js) is in /camunda/app/kenshin/kenshin-config.js.
 */
import { webappConfig } from '../../kenshin/kenshin-config.js';

export default webappConfig('運用状況', {
  scripts: ['../kenshin/kenshin-dashboard-link']
});
