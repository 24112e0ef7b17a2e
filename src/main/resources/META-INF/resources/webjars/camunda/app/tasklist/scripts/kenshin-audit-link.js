/*
 * kenshin-outreach: a header link from the tasklist webapp to the auditors' page (/audit.html), loaded by config.js
 * (customScripts: 'scripts/kenshin-audit-link'). Shown only to those the application lets open it (the auditors):
 * the link is drawn once /audit.html answers 200 for this session.
 */
const appRoot = (document.querySelector('base') && document.querySelector('base').getAttribute('app-root')) || '/camunda';
const auditPage = appRoot.replace(/\/camunda\/?$/, '') + '/audit.html';

export default {
  id: 'kenshin-audit-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 4,
  render: (node) => {
    fetch(auditPage, { method: 'HEAD', credentials: 'same-origin', cache: 'no-store' })
      .then((response) => {
        if (response.ok && !response.redirected) {
          const link = document.createElement('a');
          link.href = auditPage;
          link.className = 'kenshin-audit-link';
          link.textContent = '監査ログ';
          link.title = '個人情報へのアクセスの記録と、その改ざんの検証';
          node.replaceChildren(link);
        }
      })
      .catch(() => { /* no link when the application cannot be reached */ });
  }
};
