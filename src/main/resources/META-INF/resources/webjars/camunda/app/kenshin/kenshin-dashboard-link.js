/*
 * kenshin-outreach: header links from the webapps to the application's own pages, loaded by their config.js
 * (customScripts: '../kenshin/kenshin-dashboard-link'). One plugin per page and header: each webapp draws only those of
 * its own plugin points. A link is shown only to those the application lets open its page: it is drawn once the page
 * answers 200 for this session.
 *   - the year's dashboard (/dashboard.html), in Tasklist and Cockpit (ward staff and auditors);
 *   - the auditors' page (/audit.html), in Tasklist only (auditors have no Cockpit).
 */
const appRoot = (document.querySelector('base') && document.querySelector('base').getAttribute('app-root')) || '/camunda';

function linkTo(page, className, text, title) {
  const href = appRoot.replace(/\/camunda\/?$/, '') + page;
  return (node) => {
    fetch(href, { method: 'HEAD', credentials: 'same-origin', cache: 'no-store' })
      .then((response) => {
        if (response.ok && !response.redirected) {
          const link = document.createElement('a');
          link.href = href;
          link.className = className;
          link.textContent = text;
          link.title = title;
          node.replaceChildren(link);
        }
      })
      .catch(() => { /* no link when the application cannot be reached */ });
  };
}

const dashboard = linkTo('/dashboard.html', 'kenshin-dashboard-link', '年度の状況',
  '今年度の件数（対象者、はがき、架電、問い合わせ、受診、事故）');
const audit = linkTo('/audit.html', 'kenshin-audit-link', '監査ログ', '個人情報へのアクセスの記録と、その改ざんの検証');

export default [
  { id: 'kenshin-dashboard-link-tasklist', pluginPoint: 'tasklist.navbar.action', priority: 5, render: dashboard },
  { id: 'kenshin-dashboard-link-cockpit', pluginPoint: 'cockpit.navigation', priority: 5, render: dashboard },
  { id: 'kenshin-audit-link', pluginPoint: 'tasklist.navbar.action', priority: 4, render: audit }
];
