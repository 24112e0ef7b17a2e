/*
 * kenshin-outreach: a header link from Tasklist and Cockpit to the year's dashboard (/dashboard.html), loaded by their
 * config.js (customScripts: '../kenshin/kenshin-dashboard-link'). One plugin per webapp's header: each webapp draws
 * only those of its own plugin points. Shown only to those the application lets open the dashboard (ward staff and
 * auditors): the link is drawn once /dashboard.html answers 200 for this session.
 */
const appRoot = (document.querySelector('base') && document.querySelector('base').getAttribute('app-root')) || '/camunda';
const dashboard = appRoot.replace(/\/camunda\/?$/, '') + '/dashboard.html';

function render(node) {
  fetch(dashboard, { method: 'HEAD', credentials: 'same-origin', cache: 'no-store' })
    .then((response) => {
      if (response.ok && !response.redirected) {
        const link = document.createElement('a');
        link.href = dashboard;
        link.className = 'kenshin-dashboard-link';
        link.textContent = '年度の状況';
        link.title = '今年度の件数（対象者、はがき、架電、問い合わせ、受診、事故）';
        node.replaceChildren(link);
      }
    })
    .catch(() => { /* no link when the application cannot be reached */ });
}

export default [
  { id: 'kenshin-dashboard-link-tasklist', pluginPoint: 'tasklist.navbar.action', priority: 5, render },
  { id: 'kenshin-dashboard-link-cockpit', pluginPoint: 'cockpit.navigation', priority: 5, render }
];
