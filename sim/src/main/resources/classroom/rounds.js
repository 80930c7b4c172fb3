// BUTB classroom rounds: the instructor's round controls, schedule and measures; a student's own values and
// order form. The shared state (page.state.session.round) holds no value or cost: a student's come from
// /api/round/me (their token), the instructor's from /api/round/instructor (the PIN).
'use strict';

const rounds = {me: null, all: null, busy: false};

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
    setHtml('round-schedule', scheduleSvg(last));
    setHtml('round-path', pathSvg(last));
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

// Charts: plain SVG in a 320 x 200 box; prices on the y axis between the lowest and highest of the round.
function chartScale(values) {
  const nums = values.map(Number);
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  return (v) => 185 - (hi === lo ? 0.5 : (Number(v) - lo) / (hi - lo)) * 170;
}

// The lowest and highest price of the round at the left of a chart.
function axis(values, y) {
  const nums = values.map(Number);
  const lo = Math.min(...nums).toFixed(2);
  const hi = Math.max(...nums).toFixed(2);
  return '<text class="axis" x="0" y="' + (y(hi) + 4) + '">' + hi + '</text><text class="axis" x="0" y="' + (y(lo) + 4) + '">' +
    lo + '</text>';
}

function steps(prices, x, y) {
  let d = '';
  prices.forEach((p, i) => { d += (i === 0 ? 'M' : 'L') + x(i) + ' ' + y(p) + ' L' + x(i + 1) + ' ' + y(p) + ' '; });
  return d;
}

function band(r, y, width) {
  if (!r.eqUnits) {
    return '';
  }
  const top = y(r.eqHigh);
  return '<rect class="eq-band" x="30" y="' + top + '" width="' + width + '" height="' + Math.max(1, y(r.eqLow) - top) + '"/>';
}

function scheduleSvg(r) {
  const n = Math.max(r.demand.length, r.supply.length, 1);
  const y = chartScale(r.demand.concat(r.supply));
  const x = (i) => 30 + i * 280 / n;
  return '<svg viewBox="0 0 320 200" role="img" aria-label="Supply and demand"><text x="30" y="12">Supply and demand, round ' +
    r.number + ' (CE ' + r.eqUnits + ' units)</text>' + axis(r.demand.concat(r.supply), y) + band(r, y, 280) +
    '<path class="demand" d="' + steps(r.demand, x, y) + '"/><path class="supply" d="' + steps(r.supply, x, y) + '"/></svg>';
}

function pathSvg(r) {
  const prices = r.path.map((p) => p.price);
  const y = chartScale(r.demand.concat(r.supply));
  const n = Math.max(prices.length, 1);
  const x = (i) => 30 + (i + 0.5) * 280 / n;
  return '<svg viewBox="0 0 320 200" role="img" aria-label="Price path"><text x="30" y="12">Trade prices, round ' + r.number +
    '</text>' + axis(r.demand.concat(r.supply), y) + band(r, y, 280) + '<polyline class="path" points="' + prices.map((p, i) => x(i) + ',' + y(p)).join(' ') + '"/>' +
    prices.map((p, i) => '<circle class="trade" cx="' + x(i) + '" cy="' + y(p) + '" r="2.5"/>').join('') + '</svg>';
}

setInterval(() => {
  const r = page.state && page.state.session && page.state.session.round;
  if (r && r.running) {
    refreshRounds();
  }
}, 1000);
