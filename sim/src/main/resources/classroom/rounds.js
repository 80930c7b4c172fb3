// BUTB classroom rounds: the instructor's round controls, schedule and measures; a student's own values and
// order form. The shared state (page.state.session.round) holds no value or cost: a student's come from
// /api/round/me (their token), the instructor's from /api/round/instructor (the PIN).
'use strict';

const rounds = {me: null, all: null, busy: false, charts: {}};

function roundMessage(text, ok) {
  const m = $('round-result');
  m.hidden = !text;
  m.className = 'message ' + (ok ? 'ok' : 'reject');
  m.textContent = text || '';
}

async function refreshRounds() {
  const s = page.state && page.state.session;
  if (rounds.busy || !s || !s.round) {
    return;
  }
  rounds.busy = true;
  try {
    if (page.token) {
      rounds.me = await post('/api/round/me', {token: page.token});
    }
    if (page.instructor) {
      rounds.all = await post('/api/round/instructor', {pin: page.instructorPin || ''});
    }
  } catch (e) {
    // a lost token or a locked instructor: the next state says what to show
  } finally {
    rounds.busy = false;
  }
  drawRounds();
}

$('round-form').onsubmit = async (ev) => {
  ev.preventDefault();
  await control('round-start', {robots: $('round-robots').value, robotKind: $('round-kind').value,
    units: $('round-units').value, seconds: $('round-seconds').value, seed: $('round-seed').value,
    simSeconds: $('round-sim').value});
  refreshRounds();
};
$('btn-round-end').onclick = async () => {
  await control('round-end');
  refreshRounds();
};
$('round-order-form').onsubmit = async (ev) => {
  ev.preventDefault();
  try {
    const r = await post('/api/round/order', {token: page.token, price: $('round-price').value});
    roundMessage(r.result === 'TRADED' ? 'Traded' : r.result === 'ACCEPTED' ? 'Your order rests in the book' :
      r.result, r.result === 'TRADED' || r.result === 'ACCEPTED');
  } catch (e) {
    roundMessage(e.message, false);
  }
  refreshRounds();
};

window.renderRounds = (s, instructor) => {
  const r = s.round;
  const running = !!(r && r.running);
  $('round-form').hidden = !instructor;
  $('btn-round-end').hidden = !running;
  $('round-csv').hidden = !r;
  $('round-csv').href = '/api/round/csv?pin=' + encodeURIComponent(page.instructorPin || '');
  $('rounds-panel').hidden = !instructor || !r;
  $('round-student').hidden = !r || !page.token;
  document.body.dataset.round = r ? r.number + (running ? ' running' : ' over') : '';
  if (r && (r.number !== rounds.seen || running || rounds.wasRunning)) {
    rounds.seen = r.number;
    rounds.wasRunning = running;
    refreshRounds();
  }
};

function drawRounds() {
  const me = rounds.me;
  if (me) {
    $('round-number').textContent = me.number || '';
    if (!me.inRound) {
      setHtml('round-info', '<p class="empty">You are not in this round: wait for the next one.</p>');
      $('round-order-form').hidden = true;
    } else {
      const left = me.limits.length - me.next;
      const word = me.role === 'BUYER' ? 'values' : 'costs';
      setHtml('round-info', '<div>You are a <b id="round-role">' + esc(me.role) + '</b> \u00B7 ' +
        (me.running ? esc(me.secondsLeft) + ' s left' : 'round over') + '</div><div>Your ' + word + ': ' +
        me.limits.map((v, i) => '<span class="unit ' + (i < me.next ? 'done' : i === me.next ? 'next' : '') + '">' + esc(v) +
          '</span>').join(' ') + '</div><div>Profit <b id="round-profit">' + esc(me.profit) + '</b> \u00B7 units left ' +
        left + (me.order ? ' \u00B7 your order at ' + esc(me.order) : '') + '</div><div class="muted">bid ' +
        esc(me.bestBid) + ' \u00B7 ask ' + esc(me.bestAsk) + ' \u00B7 trades ' + esc(me.prices.slice(-8).join(' ')) + '</div>');
      $('round-order-form').hidden = !me.running || left === 0;
      $('round-submit').textContent = me.role === 'BUYER' ? 'Bid' : 'Ask';
    }
  }
  const all = rounds.all;
  if (all && all.rounds.length) {
    const last = all.rounds[all.rounds.length - 1];
    drawSchedule(last);
    drawPath(last);
    setHtml('round-table', '<table id="round-measures"><tr><th>round</th><th>trades</th><th>CE units</th><th>CE price</th>' +
      '<th>efficiency %</th><th>alpha %</th><th class="l">robots</th></tr>' + all.rounds.map((x) =>
      '<tr data-round="' + x.number + '"><td>' + x.number + (x.running ? ' \u25B6' : '') + '</td><td>' + x.prices.length +
        '</td><td>' + x.eqUnits + '</td><td>' + esc(x.eqLow) + (x.eqHigh !== x.eqLow ? '\u2013' + esc(x.eqHigh) : '') +
        '</td><td class="efficiency">' + (x.efficiency ?? '') + '</td><td class="alpha">' + (x.alpha ?? '') + '</td><td class="l">' +
        esc(x.robotKind) + '</td></tr>').join('') + '</table>');
    setHtml('round-traders', '<table><tr><th class="l">trader</th><th class="l">name</th><th class="l">role</th>' +
      '<th>units</th><th>profit</th></tr>' + last.traders.map((t) => '<tr class="' + t.kind + '"><td class="l">' +
        esc(t.id) + '</td><td class="l">' + esc(t.name) + '</td><td class="l">' + esc(t.role) + '</td><td>' + t.traded +
        '</td><td>' + esc(t.profit) + '</td></tr>').join('') + '</table>');
  }
}

// Charts (Chart.js, served at /chart.js): the last round's supply and demand steps and its trade prices, each
// with the equilibrium price band shaded; units or trades on x, prices on y.
const ROUND_COLORS = {demand: '#1f6feb', supply: '#d1242f', path: '#333', band: 'rgba(45, 164, 78, 0.25)',
  bandEdge: '#2da44e'};

function roundChart(id, title) {
  if (!rounds.charts[id]) {
    rounds.charts[id] = new Chart($(id).querySelector('canvas'), {
      type: 'line',
      data: {datasets: []},
      options: {
        animation: false, maintainAspectRatio: false, parsing: false,
        plugins: {title: {display: true, text: title}, legend: {labels: {boxWidth: 12,
          filter: (item) => item.text !== ''}}},
        scales: {x: {type: 'linear', ticks: {precision: 0}}, y: {ticks: {maxTicksLimit: 6}}},
      },
    });
  }
  return rounds.charts[id];
}

// The equilibrium band from x0 to x1: its high edge filled down to its low edge, both edges dashed (a band of one
// price is a dashed line).
function bandDatasets(r, x0, x1) {
  if (!r.eqUnits) {
    return [];
  }
  const line = (price) => [{x: x0, y: Number(price)}, {x: x1, y: Number(price)}];
  const edge = {borderWidth: 1.5, borderDash: [4, 3], borderColor: ROUND_COLORS.bandEdge, pointRadius: 0};
  return [
    Object.assign({label: 'equilibrium', data: line(r.eqHigh), fill: '+1', backgroundColor: ROUND_COLORS.band}, edge),
    Object.assign({label: '', data: line(r.eqLow)}, edge),
  ];
}

// A schedule as steps: unit i (1, 2, ...) at its price over x from i - 1 to i (Chart.js 'before' steps: the line
// holds each point's price back to the previous point).
function stepPoints(prices) {
  return prices.map((p, i) => ({x: i, y: Number(p)})).concat(prices.length ?
    [{x: prices.length, y: Number(prices[prices.length - 1])}] : []);
}

function drawSchedule(r) {
  const chart = roundChart('round-schedule', 'Supply and demand, round ' + r.number + ' (CE ' + r.eqUnits + ' units)');
  const n = Math.max(r.demand.length, r.supply.length, 1);
  chart.data.datasets = [
    {label: 'demand', data: stepPoints(r.demand), stepped: 'before', borderColor: ROUND_COLORS.demand,
      backgroundColor: ROUND_COLORS.demand, pointRadius: 0, borderWidth: 2},
    {label: 'supply', data: stepPoints(r.supply), stepped: 'before', borderColor: ROUND_COLORS.supply,
      backgroundColor: ROUND_COLORS.supply, pointRadius: 0, borderWidth: 2},
  ].concat(bandDatasets(r, 0, n));
  chart.update('none');
}

function drawPath(r) {
  const chart = roundChart('round-path', 'Trade prices, round ' + r.number);
  const n = Math.max(r.path.length, 1);
  chart.data.datasets = [
    {label: 'trades', data: r.path.map((p, i) => ({x: i + 1, y: Number(p.price)})), borderColor: ROUND_COLORS.path,
      backgroundColor: ROUND_COLORS.path, pointRadius: 2.5, borderWidth: 1},
  ].concat(bandDatasets(r, 0.5, n + 0.5));
  chart.update('none');
}

setInterval(() => {
  const r = page.state && page.state.session && page.state.session.round;
  if (r && r.running) {
    refreshRounds();
  }
}, 1000);
