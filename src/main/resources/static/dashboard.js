// The year's dashboard: reads /api/dashboard/{fiscalYear} every 30 s and redraws the tables and charts in place.
(function () {
  'use strict';

  const REFRESH_MS = 30000;
  const ZONE = 'Asia/Tokyo';
  const numbers = new Intl.NumberFormat('ja-JP');
  const dayFormat = new Intl.DateTimeFormat('ja-JP', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  const timeFormat = new Intl.DateTimeFormat('ja-JP', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const charts = {};
  let timer = null;

  /** 1234 -> "1,234"; null -> "－". */
  function num(n) { return n === null || n === undefined ? '－' : numbers.format(n); }
  /** 0.1234 -> "12.3%". */
  function pct(r) { return r === null || r === undefined ? '－' : (r * 100).toFixed(1) + '%'; }
  /** A ward's day "2026-11-16" -> "2026/11/16". */
  function day(d) { return d ? d.replaceAll('-', '/') : '－'; }
  /** An instant -> its day in Asia/Tokyo, "2026/11/16". */
  function instantDay(i) { return i ? dayFormat.format(new Date(i)) : '－'; }
  function instantTime(i) { return i ? dayFormat.format(new Date(i)) + ' ' + timeFormat.format(new Date(i)) : '－'; }

  function text(id, value) { document.getElementById(id).textContent = value; }

  /** Fills a tbody with rows of cells; a number cell is given as {n: value}. */
  function rows(id, list) {
    const body = document.getElementById(id);
    body.replaceChildren();
    for (const cells of list) {
      const tr = document.createElement('tr');
      cells.forEach((c, i) => {
        const td = document.createElement(i === 0 ? 'th' : 'td');
        if (c !== null && typeof c === 'object') { td.textContent = c.text; td.className = 'n'; } else { td.textContent = c; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
  }
  function n(value) { return { text: num(value) }; }
  function shown(text) { return { text: text }; }

  function chart(id, option) {
    if (typeof echarts === 'undefined') { return; }
    if (!charts[id]) { charts[id] = echarts.init(document.getElementById(id)); }
    charts[id].setOption(option, true);
  }
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));

  const axisNumbers = { axisLabel: { formatter: v => num(v) } };
  function bar(labels, values, name) {
    return {
      tooltip: { trigger: 'axis', valueFormatter: v => num(v) },
      grid: { left: 150, right: 60, top: 10, bottom: 30 },
      xAxis: Object.assign({ type: 'value', minInterval: 1 }, axisNumbers),
      yAxis: { type: 'category', data: labels, inverse: true },
      series: [{ name: name, type: 'bar', data: values, label: { show: true, position: 'right', formatter: p => num(p.value) } }]
    };
  }

  function currentFiscalYear() {
    const [y, m] = dayFormat.format(new Date()).split('/').map(Number);
    return m >= 4 ? y : y - 1;
  }

  function render(d) {
    // where the cycle stands
    text('cycleState', d.cycle.stateLabel);
    text('cycleStarted', instantDay(d.cycle.startedAt));
    rows('cycleCurrent', d.cycle.current.length ? d.cycle.current.map(s => [s.name, s.process, instantDay(s.startedAt)])
      : [[d.cycle.started ? 'なし' : 'この年度の事業はまだ始まっていません', '', '']]);
    rows('cycleDone', d.cycle.done.slice().reverse().map(s => [s.name, s.process, instantDay(s.endedAt)]));

    // targets by group
    const t = d.targets;
    text('targetStatus', t.statusLabel + (t.selectionRunId ? '（抽出番号 ' + t.selectionRunId + '）' : ''));
    text('members', num(t.members));
    text('targetCount', num(t.targets));
    text('excluded', num(t.excluded));
    rows('targetGroups', t.groups.map(g => [g.label, n(g.count)]));
    chart('targetChart', {
      tooltip: { trigger: 'item', valueFormatter: v => num(v) + ' 人' },
      series: [{ type: 'pie', radius: ['35%', '70%'], data: t.groups.map(g => ({ name: g.label, value: g.count })),
                 label: { formatter: p => p.name + '\n' + num(p.value) + ' 人' } }]
    });

    // cards
    const c = d.cards;
    text('cardsRendered', num(c.rendered) + ' ／ ' + num(c.total));
    text('cardBatches', num(c.batchesRendered) + ' ／ ' + num(c.batches));
    text('dispatchedOn', c.dispatchedOn ? day(c.dispatchedOn) : '未記録');
    text('cardsReturned', num(c.returned));
    chart('cardChart', bar(['総数', '作成済み', '返戻'], [c.total, c.rendered, c.returned], '通数'));

    // calls
    const k = d.calls;
    text('callCases', num(k.cases));
    text('callAttempts', num(k.attempts));
    text('callReached', num(k.reached));
    text('reachRate', pct(k.reachRate));
    text('casesReached', num(k.casesReached));
    text('caseReachRate', pct(k.caseReachRate));
    rows('callOutcomes', k.byOutcome.map(o => [o.label, n(o.count)]));
    rows('callStates', k.casesByState.map(s => [s.label, n(s.count)]));
    chart('outcomeChart', bar(k.byOutcome.map(o => o.label), k.byOutcome.map(o => o.count), '架電数'));
    const labels = Object.fromEntries(k.byOutcome.map(o => [o.code, o.label]));
    chart('callDayChart', {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 60, right: 60, top: 70, bottom: 40 },
      xAxis: { type: 'category', data: k.byDay.map(x => day(x.day)) },
      yAxis: [Object.assign({ type: 'value', name: '架電', minInterval: 1 }, axisNumbers),
              { type: 'value', name: '通話率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
      series: k.byOutcome.map(o => ({ name: labels[o.code], type: 'bar', stack: 'calls',
                                      data: k.byDay.map(x => x.byOutcome[o.code] || 0), tooltip: { valueFormatter: v => num(v) } }))
        .concat([{ name: '通話率', type: 'line', yAxisIndex: 1,
                   data: k.byDay.map(x => x.attempts ? +(100 * x.reached / x.attempts).toFixed(1) : null),
                   tooltip: { valueFormatter: v => v === null ? '－' : v + '%' } }])
    });
    rows('callDayRows', k.byDay.map(x => [day(x.day), n(x.attempts), n(x.reached), shown(pct(x.attempts ? x.reached / x.attempts : null))]));

    // inquiries
    const q = d.inquiries;
    text('inquiryTotal', num(q.total));
    text('inquiryUnanswered', num(q.unanswered));
    text('inquiryEscalated', num(q.escalated));
    rows('inquiryCategories', q.byCategory.map(x => [x.label, n(x.count)]));
    chart('inquiryChart', bar(q.byCategory.map(x => x.label), q.byCategory.map(x => x.count), '件数'));

    // attendance by arm, small cells shown as "<10"
    const a = d.attendance;
    rows('attendanceRows', a.arms.map(x => [x.label, shown(x.people.shown), shown(x.attended.shown), shown(pct(x.rate))]));
    const notes = ['「<' + a.suppressedBelow + '」は ' + a.suppressedBelow + ' 人未満のため表示していない数です（小さなセルの非表示）。'];
    if (a.uptakeMissing) { notes.push(a.uptakeMissing + '。'); }
    if (a.uptake) {
      notes.push('受診の推移：差出日 ' + day(a.uptake.dispatchedOn) + ' から ' + day(a.uptake.through)
                 + ' まで、差出日からの日数ごとの累積受診者数（差出日より前の受診は0日目に数えます）。');
    }
    text('attendanceNote', notes.join(''));
    if (a.uptake) {
      chart('uptakeChart', {
        tooltip: { trigger: 'axis', valueFormatter: v => v === null || v === undefined ? '<' + a.suppressedBelow : num(v) + ' 人' },
        legend: { top: 0 },
        grid: { left: 60, right: 30, top: 40, bottom: 40 },
        xAxis: { type: 'category', name: '差出日からの日数', nameLocation: 'middle', nameGap: 25,
                 data: Array.from({ length: a.uptake.days + 1 }, (_, i) => i) },
        yAxis: Object.assign({ type: 'value', name: '累積受診者', minInterval: 1 }, axisNumbers),
        series: a.uptake.byArm.map(x => ({ name: x.label, type: 'line', step: 'end', showSymbol: false, data: x.cumulative }))
      });
    } else if (charts.uptakeChart) {
      charts.uptakeChart.clear();
    }

    // incidents
    const i = d.incidents;
    text('incidentOpen', num(i.open));
    text('incidentAwaiting', num(i.awaitingReport));
    text('incidentOverdue', num(i.overdue));
    text('incidentEscalated', num(i.escalated));
    text('incidentNextDue', i.nextReportDue ? instantTime(i.nextReportDue) : 'なし');
    rows('incidentStatuses', i.byStatus.map(s => [s.label, n(s.count)]));

    text('status', d.fiscalYear + '年度　' + instantTime(d.generatedAt) + ' 現在');
  }

  async function load() {
    const year = document.getElementById('fiscalYear').value;
    let response;
    try {
      response = await fetch('/api/dashboard/' + encodeURIComponent(year),
                             { credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store' });
    } catch (e) {
      text('error', '接続できませんでした。しばらくして自動で再読込します。');
      return;
    }
    if (response.status === 401) {
      // the session has expired: open this page again, which the server answers with its sign-in page
      // (/login) and, once signed in, this page for the same year
      window.clearInterval(timer);
      window.location.assign('/dashboard.html?fiscalYear=' + encodeURIComponent(year));
      return;
    }
    if (!response.ok) {
      let message = response.status === 403 ? 'このページは区の職員と監査担当者だけが見られます。' : '読み込めませんでした（' + response.status + '）。';
      try { const body = await response.json(); if (body.message) { message = body.message; } } catch (e) { /* not JSON */ }
      text('error', message);
      return;
    }
    text('error', '');
    render(await response.json());
  }

  function show(year) {
    document.getElementById('fiscalYear').value = year;
    history.replaceState(null, '', '?fiscalYear=' + year);
    if (timer) { clearInterval(timer); }
    load();
    timer = setInterval(load, REFRESH_MS);
  }

  document.getElementById('yearForm').addEventListener('submit', e => {
    e.preventDefault();
    show(document.getElementById('fiscalYear').value);
  });
  const asked = new URLSearchParams(window.location.search).get('fiscalYear');
  show(asked && /^\d{4}$/.test(asked) ? asked : currentFiscalYear());
})();
