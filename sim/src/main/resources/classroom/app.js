// BUTB classroom page: renders the state streamed by the server (server-sent events from /api/stream) and posts
// the instructor's controls and the students' orders. The price chart is Chart.js, served by the classroom itself
// (/chart.js): no network beyond this server.
'use strict';

const page = {
  state: null,           // the latest {version, session, market}
  symbol: null,          // the selected instrument
  token: sessionStorage.getItem('butb.token'),
  me: sessionStorage.getItem('butb.participant'),
  role: sessionStorage.getItem('butb.role') || '',
  instructorPin: sessionStorage.getItem('butb.instructorPin'),
  html: new Map(),       // element id -> last HTML written (to skip unchanged parts)
  loads: null,           // the session's load count last seen (a new one: focus its instrument)
  seenTrades: new Map(), // symbol -> its trade count when last viewed (the tabs show what came since)
};

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));

function setHtml(id, html) {
  if (page.html.get(id) !== html) {
    page.html.set(id, html);
    $(id).innerHTML = html;
  }
}

async function post(path, fields) {
  const body = new URLSearchParams(fields);
  const response = await fetch(path, {method: 'POST', body});
  const json = await response.json();
  if (!response.ok) {
    throw new Error(json.error || ('HTTP ' + response.status));
  }
  return json;
}

// cls: 'ok', 'reject', 'notfilled' (or true/false for ok/reject).
function showMessage(text, cls) {
  const m = $('message');
  m.hidden = false;
  m.className = 'message ' + (cls === true ? 'ok' : cls === false ? 'reject' : cls);
  m.textContent = text;
}

// ---------------------------------------------------------------------------------------------- instructor

// With an instructor PIN the controls stay hidden until the PIN is given (and the server checks it on every
// post); without one (the page listens on this machine only) they are always shown.
function instructorMessage(text) {
  $('instructor-message').hidden = !text;
  $('instructor-message').textContent = text || '';
}

async function control(action, extra = {}) {
  try {
    await post('/api/control', {action, pin: page.instructorPin || '', ...extra});
    instructorMessage('');
    return true;
  } catch (e) {
    instructorMessage(e.message);
    if (/instructor PIN/.test(e.message)) {
      lockInstructor();
    }
    return false;
  }
}

function lockInstructor() {
  page.instructorPin = null;
  sessionStorage.removeItem('butb.instructorPin');
  render();
}

$('unlock-form').onsubmit = async (ev) => {
  ev.preventDefault();
  page.instructorPin = $('instructor-pin').value;
  if (await control('check')) {
    sessionStorage.setItem('butb.instructorPin', page.instructorPin);
    $('instructor-pin').value = '';
    render();
  }
};
$('btn-lock').onclick = () => { instructorMessage(''); lockInstructor(); };
$('class-form').onsubmit = (ev) => {
  ev.preventDefault();
  control('class-open', {code: $('class-code').value});
};
$('btn-class-close').onclick = () => control('class-close');
$('btn-load').onclick = () => control('load', {scenario: $('scenario-select').value});
$('btn-step').onclick = () => control('step');
$('btn-play').onclick = () => control('play');
$('btn-pause').onclick = () => control('pause');
$('speed-select').onchange = () => control('speed', {speed: $('speed-select').value});

// ---------------------------------------------------------------------------------------------- student

function loggedIn(r) {
  page.token = r.token;
  page.me = r.participant;
  page.role = r.role || '';
  sessionStorage.setItem('butb.token', r.token);
  sessionStorage.setItem('butb.participant', r.participant);
  sessionStorage.setItem('butb.role', page.role);
  showMessage('Logged in as ' + r.participant + (page.role ? ' (' + page.role + ')' : ''), true);
  render();
}

$('login-form').onsubmit = async (ev) => {
  ev.preventDefault();
  try {
    loggedIn(await post('/api/login', {participant: $('login-participant').value, pin: $('login-pin').value}));
  } catch (e) {
    showMessage(e.message, false);
  }
};

$('join-form').onsubmit = async (ev) => {
  ev.preventDefault();
  try {
    loggedIn(await post('/api/join', {code: $('join-code').value, name: $('join-name').value, pin: $('join-pin').value}));
  } catch (e) {
    showMessage(e.message, false);
  }
};

$('logout-btn').onclick = () => {
  if (page.token) {
    post('/api/logout', {token: page.token}).catch(() => {});
  }
  page.token = null;
  page.me = null;
  page.role = '';
  sessionStorage.removeItem('butb.token');
  sessionStorage.removeItem('butb.participant');
  sessionStorage.removeItem('butb.role');
  render();
};

// What a command's events mean for the student: green when it rests or trades, red when refused, and amber
// "not filled" when an IOC or FOK order was killed without trading.
function verdict(r) {
  if (!r.accepted) {
    return {cls: 'reject', prefix: 'Rejected: '};
  }
  const killed = r.events.some((e) => e.event === 'CANCELLED' && (e.code_name === 'FOK_NOT_FILLED' || e.code_name === 'IOC_REMAINDER'));
  const traded = r.events.some((e) => e.event === 'TRADE');
  if (killed && !traded) {
    return {cls: 'notfilled', prefix: 'Not filled: '};
  }
  return {cls: 'ok', prefix: killed ? 'Partly filled: ' : ''};
}

async function order(fields) {
  try {
    const r = await post('/api/order', {token: page.token, ...fields});
    const lines = r.events.map((e) => e.event + ' ' + (e.code !== '0' ? e.code + ' ' + e.code_name + ': ' : '') + e.reason);
    const v = verdict(r);
    showMessage(v.prefix + (r.orderId ? r.orderId + ' ' : '') + lines.join(' | '), v.cls);
    return r;
  } catch (e) {
    if (/not logged in/.test(e.message)) {
      $('logout-btn').onclick();
    }
    showMessage(e.message, false);
    return null;
  }
}

// "170,5" (a decimal comma) means 170.5; the server reads it so too.
const decimal = (text) => text.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');

// Adds two non-negative decimal texts exactly ("20.000" + "5.5" = "25.500").
function addDecimals(a, b) {
  const scale = Math.max((a.split('.')[1] || '').length, (b.split('.')[1] || '').length);
  const units = (t) => BigInt(t.split('.')[0] + (t.split('.')[1] || '').padEnd(scale, '0'));
  const sum = (units(a) + units(b)).toString().padStart(scale + 1, '0');
  return scale ? sum.slice(0, -scale) + '.' + sum.slice(-scale) : sum;
}

// A market order cannot rest: choosing MARKET switches DAY or GTC to IOC and clears the price.
$('order-type').onchange = () => {
  const market = $('order-type').value === 'MARKET';
  if (market && ($('order-tif').value === 'DAY' || $('order-tif').value === 'GTC')) {
    $('order-tif').value = 'IOC';
  }
  $('order-price').disabled = market;
  if (market) {
    $('order-price').value = '';
  }
};

$('order-form').onsubmit = (ev) => {
  ev.preventDefault();
  order({action: 'NEW', instrument: page.symbol, side: $('order-side').value, type: $('order-type').value,
    tif: $('order-tif').value, price: decimal($('order-price').value), quantity: decimal($('order-qty').value)});
};

// The student edits the open quantity; REPLACE takes the new total (filled included), as FIX does.
$('replace-form').onsubmit = (ev) => {
  ev.preventDefault();
  const open = decimal($('replace-qty').value);
  const quantity = /^\d+(\.\d+)?$/.test(open) ? addDecimals($('replace-qty').dataset.filled || '0', open) : open;
  order({action: 'REPLACE', order_id: $('replace-id').textContent, price: decimal($('replace-price').value),
    quantity}).then((r) => { if (r && r.accepted) $('replace-form').hidden = true; });
};
$('replace-close').onclick = () => { $('replace-form').hidden = true; };

$('bid-form').onsubmit = (ev) => {
  ev.preventDefault();
  const lot = $('bid-lot').dataset;
  order({action: 'LOT_BID', exchange_order_id: lot.lotId, instrument: lot.instrument, price: decimal($('bid-price').value)});
};
$('bid-close').onclick = () => { $('bid-form').hidden = true; };

// Buttons inside re-rendered parts: one delegated listener.
document.addEventListener('toggle', (ev) => {
  if (ev.target.classList && ev.target.classList.contains('closed-lots')) {
    page.showClosedLots = ev.target.open;
  }
}, true);

document.addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-act]');
  if (!b) {
    return;
  }
  const d = b.dataset;
  if (d.act === 'tab') {
    page.symbol = d.symbol;
    render();
  } else if (d.act === 'cancel') {
    order({action: 'CANCEL', order_id: d.orderId});
  } else if (d.act === 'replace') {
    $('replace-id').textContent = d.orderId;
    $('replace-price').value = d.price;
    $('replace-qty').value = d.leaves;
    $('replace-qty').dataset.filled = d.filled;
    $('replace-filled').textContent = d.filled;
    $('replace-form').hidden = false;
  } else if (d.act === 'bid') {
    $('bid-lot').textContent = d.lotId + ' (' + d.instrument + ')';
    $('bid-lot').dataset.lotId = d.lotId;
    $('bid-lot').dataset.instrument = d.instrument;
    $('bid-price').value = d.next;
    $('bid-form').hidden = false;
  }
});

// ---------------------------------------------------------------------------------------------- rendering

function options(select, items, key) {
  // Rebuild a select only when its items change, keeping the choice.
  if (select.dataset.key === key) {
    return;
  }
  const chosen = select.value;
  select.innerHTML = items.map(([value, label]) => '<option value="' + esc(value) + '">' + esc(label) + '</option>').join('');
  select.dataset.key = key;
  if (items.some(([value]) => String(value) === chosen)) {
    select.value = chosen;
  }
}

function duration(nanos) {
  if (nanos <= 0) {
    return 'closing';
  }
  let s = Math.floor(nanos / 1e9);
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + (d || h || m ? m + 'm ' : '') + s + 's';
}

const clock = (iso) => iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '';
// A scenario time as the page shows it: hh:mm:ss on the simulated clock's day, with the date on any other day.
function when(iso) {
  if (!iso) {
    return '';
  }
  const now = page.state && page.state.session ? page.state.session.now : '';
  return iso.substring(0, 10) === now.substring(0, 10) ? iso.substring(11, 19) : iso.substring(0, 10) + ' ' + iso.substring(11, 19);
}

// The same in a table cell: the date, when shown, on a small line of its own above the time.
function whenCell(iso) {
  const w = when(iso);
  return w.length > 8 ? '<span class="date">' + esc(w.substring(0, 10)) + '</span>' + esc(w.substring(11)) : esc(w);
}

function render() {
  const st = page.state;
  if (!st || !st.session) {
    return;
  }
  const s = st.session;
  const m = st.market;
  $('scenario-title').textContent = s.title;
  $('clock').textContent = clock(s.now);
  $('status').textContent = (s.playing ? 'PLAYING at ' : 'PAUSED \u00B7 speed ') + s.speed + '\u00D7 \u00B7 ' +
    s.cursor + ' / ' + s.total + ' planned commands' + (s.next ? ' \u00B7 next at ' + when(s.next) : '');
  document.body.dataset.playing = s.playing;
  document.body.dataset.cursor = s.cursor;
  document.body.dataset.total = s.total;
  $('error').hidden = !s.error;
  $('error').textContent = s.error;
  options($('scenario-select'), s.scenarios.map((c) => [c.id, c.title]), s.scenarios.map((c) => c.id).join());
  if ($('scenario-select').dataset.loaded !== s.scenario) {
    $('scenario-select').value = s.scenario;
    $('scenario-select').dataset.loaded = s.scenario;
  }
  options($('speed-select'), s.speeds.map((v) => [v, v + '\u00D7']), s.speeds.join());
  if (document.activeElement !== $('speed-select')) {
    $('speed-select').value = s.speed;
  }
  const instructor = !s.instructorPinRequired || !!page.instructorPin;
  $('controls').hidden = !instructor;
  $('class-form').hidden = !instructor;
  $('btn-class-open').textContent = s.class.open ? 'New class' : 'Open class';
  $('btn-class-close').hidden = !s.class.open;
  $('roster-panel').hidden = !instructor || !s.class.open;
  setHtml('roster', s.class.seats.length === 0 ? '<p class="empty">No student has joined yet.</p>' :
    '<table><tr><th class="l">student</th><th class="l">participant</th><th class="l">role</th></tr>' +
    s.class.seats.map((x) => '<tr data-participant="' + esc(x.participant) + '"><td class="l">' + esc(x.name) +
      '</td><td class="l">' + esc(x.participant) + '</td><td class="l">' + esc(x.role) + '</td></tr>').join('') + '</table>');
  $('unlock-form').hidden = instructor;
  page.instructor = instructor;
  if (window.renderRounds) {
    window.renderRounds(s, instructor);
  }
  $('btn-lock').hidden = !s.instructorPinRequired;
  document.body.dataset.instructor = instructor;
  $('login-pin').hidden = !s.pinRequired;
  $('join-pin').hidden = !s.pinRequired;
  if (!m) {
    return;
  }
  const instruments = m.instruments;
  if (page.loads !== s.loads) {
    // A scenario was loaded: show the instrument it trades first; activity counts start again.
    page.loads = s.loads;
    page.seenTrades = new Map();
    if (s.focus) {
      page.symbol = s.focus;
    }
  }
  if (!instruments.some((i) => i.symbol === page.symbol)) {
    page.symbol = instruments.length ? instruments[0].symbol : null;
  }
  for (const i of instruments) {
    if (i.symbol === page.symbol || !page.seenTrades.has(i.symbol)) {
      page.seenTrades.set(i.symbol, i.trades);
    }
  }
  setHtml('instrument-tabs', instruments.map((i) => {
    const fresh = i.trades - page.seenTrades.get(i.symbol);
    return '<button type="button" data-act="tab" data-symbol="' + esc(i.symbol) + '" class="' +
      (i.symbol === page.symbol ? 'selected' : '') + '">' + esc(i.symbol) + ' <span class="badge ' + esc(i.phase) + '">' +
      esc(i.phase) + '</span>' + (fresh > 0 ? ' <span class="fresh" title="new trades since you last looked">+' + fresh +
      '</span>' : '') + '</button>';
  }).join(''));
  const ins = instruments.find((i) => i.symbol === page.symbol);
  if (ins) {
    renderInstrument(ins, m);
  }
  renderParticipants(m);
  renderLog(m);
  renderStudent(m, ins);
}

function renderInstrument(ins, m) {
  setHtml('instrument-head', '<span class="sym">' + esc(ins.symbol) + '</span><span>' + esc(ins.name) + '</span>' +
    '<span class="badge ' + esc(ins.phase) + '" id="phase">' + esc(ins.phase) + '</span>' +
    '<span class="last">' + (ins.last ? 'last ' + esc(ins.last) : 'no trade yet') + '</span>' +
    '<span class="facts">' + esc(ins.currency) + ' per ' + esc(ins.unit) + ' \u00B7 step ' + esc(ins.priceStep) +
    ' \u00B7 lot ' + esc(ins.lotSize) + ' \u00B7 band ' + esc(ins.low) + '\u2013' + esc(ins.high) + ' \u00B7 section ' +
    esc(ins.section) + '</span>');

  let book = '<table class="ladder"><tr><th>orders</th><th>bid qty</th><th class="price" style="text-align:center">price</th><th>ask qty</th><th>orders</th></tr>';
  const asks = ins.asks.slice().reverse();
  for (const a of asks) {
    book += '<tr class="ask" data-price="' + esc(a.price) + '"><td></td><td></td><td class="price">' + esc(a.price) +
      '</td><td class="qty">' + esc(a.quantity) + '</td><td>' + a.orders + '</td></tr>';
  }
  let middle = ins.bids.length || ins.asks.length ? 'one-sided book' : 'empty book';
  if (ins.indicativePrice) {
    // Bids and asks cross: nothing trades before the call auction, which uncrosses at one price.
    middle = 'crossed \u00B7 call auction: indicative open <b id="indicative-price">' + esc(ins.indicativePrice) +
      '</b> for <b id="indicative-volume">' + esc(ins.indicativeVolume) + '</b>';
  } else if (ins.bids.length && ins.asks.length) {
    middle = 'spread ' + (Number(ins.asks[0].price) - Number(ins.bids[0].price)).toFixed(2);
  }
  book += '<tr class="spread"><td colspan="5">' + middle + '</td></tr>';
  for (const b of ins.bids) {
    book += '<tr class="bid" data-price="' + esc(b.price) + '"><td>' + b.orders + '</td><td class="qty">' + esc(b.quantity) +
      '</td><td class="price">' + esc(b.price) + '</td><td></td><td></td></tr>';
  }
  setHtml('book', book + '</table>');
  renderPriceChart(ins);

  const trades = m.tape.filter((t) => t.instrument === ins.symbol);
  setHtml('tape', trades.length === 0 ? '<p class="empty">No trade yet.</p>' :
    '<table><tr><th class="l">time</th><th>price</th><th>qty</th><th class="l">buyer</th><th class="l">seller</th><th class="l kind">kind</th></tr>' +
    trades.map((t) => '<tr class="trade ' + esc(t.aggressor) + '" data-trade-id="' + esc(t.trade_id) + '"><td class="l">' +
      whenCell(t.time) + '</td><td class="price">' + esc(t.price) + '</td><td>' + esc(t.quantity) + '</td><td class="l">' +
      esc(t.buyer) + '</td><td class="l">' + esc(t.seller) + '</td><td class="l kind">' + esc(t.kind).replace('_', '_<wbr>') + '</td></tr>').join('') +
    '</table>');

  // Open lots first, the soonest to close on top; closed ones folded away, newest first. Whether they are unfolded
  // is read from the page first: a click's toggle event may not have run yet when a new state redraws them.
  const shown = document.querySelector('#lots .closed-lots');
  if (shown) {
    page.showClosedLots = shown.open;
  }
  const lots = m.lots.filter((l) => l.instrument === ins.symbol);
  const open = lots.filter((l) => l.status === 'OPEN').sort((x, y) => x.closeNanos - y.closeNanos);
  const closed = lots.filter((l) => l.status !== 'OPEN').reverse();
  setHtml('lots', (lots.length === 0 ? '<p class="empty">No lot auction.</p>' : '') +
    (open.length ? '<div class="lots-open">' + open.map((l) => openLot(l, m)).join('') + '</div>' :
      lots.length ? '<p class="empty">No open lot.</p>' : '') +
    (closed.length ? '<details class="closed-lots"' + (page.showClosedLots ? ' open' : '') + '><summary>' + closed.length +
      ' closed lot' + (closed.length === 1 ? '' : 's') + '</summary>' + closed.map((l) => closedLot(l)).join('') +
      '</details>' : ''));

  const address = m.address.filter((a) => a.instrument === ins.symbol);
  setHtml('address', address.length === 0 ? '<p class="empty">No address order waiting.</p>' :
    '<table><tr><th class="l">from</th><th class="l">side</th><th>price</th><th>qty</th><th class="l">only for</th></tr>' +
    address.map((a) => '<tr><td class="l">' + esc(a.owner) + ' ' + esc(a.orderId) + '</td><td class="l">' + esc(a.side) +
      '</td><td>' + esc(a.price) + '</td><td>' + esc(a.leaves) + '</td><td class="l">' + esc(a.counterparty) + '</td></tr>').join('') +
    '</table>');
}

// The selected instrument's last trades, price over the engine's time (UTC), redrawn when a trade comes.
function renderPriceChart(ins) {
  const key = ins.symbol + ':' + ins.trades;
  if (page.chartKey === key) {
    return;
  }
  page.chartKey = key;
  const points = ins.path.map((p) => ({x: p[0], y: p[1]}));
  $('price-chart-note').textContent = points.length === 0 ? '\u00B7 no trade yet' : '\u00B7 ' +
    (ins.trades > points.length ? 'last ' + points.length + ' of ' + ins.trades : points.length) + ' trade' +
    (ins.trades === 1 ? '' : 's') + ', ' + ins.currency + ' per ' + ins.unit;
  page.chartSpan = points.length ? points[points.length - 1].x - points[0].x : 0;
  if (!page.chart) {
    page.chart = new Chart($('price-chart'), {
      type: 'line',
      data: {datasets: [{data: [], stepped: true, pointRadius: 2, borderWidth: 1.5, borderColor: '#1f6feb',
        backgroundColor: '#1f6feb'}]},
      options: {
        animation: false, maintainAspectRatio: false, parsing: false,
        plugins: {legend: {display: false},
          tooltip: {callbacks: {title: (items) => chartTime(items[0].parsed.x, 0)}}},
        scales: {x: {type: 'linear', ticks: {maxTicksLimit: 6, callback: (v) => chartTime(v, page.chartSpan)}},
          y: {ticks: {maxTicksLimit: 5}}},
      },
    });
  }
  // A margin on both sides (at least 30 s) keeps a lone trade, or trades in one instant, off the edges.
  const pad = Math.max(page.chartSpan * 0.05, 30000);
  page.chart.options.scales.x.min = points.length ? points[0].x - pad : undefined;
  page.chart.options.scales.x.max = points.length ? points[points.length - 1].x + pad : undefined;
  page.chart.data.datasets[0].data = points;
  page.chart.update('none');
}

// A chart time (epoch milliseconds) in UTC: hh:mm:ss, with the date when the chart spans more than a day.
function chartTime(ms, span) {
  const iso = new Date(ms).toISOString();
  return span > 86400000 ? iso.substring(5, 10) + ' ' + iso.substring(11, 16) : iso.substring(11, 19);
}

function openLot(l, m) {
  const buyersAuction = l.side === 'SELL';
  return '<div class="lot" data-lot-id="' + l.lotId + '" data-status="OPEN"><div class="head">' +
    '<b>Lot ' + l.lotId + '</b><span class="badge OPEN">OPEN</span>' +
    '<span>' + esc(l.quantity) + ' ' + esc(l.unit) + ' \u00B7 ' + (buyersAuction ? 'seller ' : 'buyer ') + esc(l.owner) + '</span></div>' +
    '<div>' + (buyersAuction ? 'ascending' : 'descending') + ' from ' + esc(l.startPrice) + ', step ' + esc(l.bidStep) +
    ' \u00B7 closes ' + esc(when(l.closeTime)) + ' \u00B7 <span class="left">' + esc(duration(l.closeNanos - m.nowNanos)) +
    ' left</span></div><div>' + (l.bidder ? 'best bid <span class="best">' + esc(l.bestBid) + '</span> by <b class="bidder">' +
      esc(l.bidder) + '</b> (' + l.bids + ' bid' + (l.bids === 1 ? '' : 's') + ')' : 'no bid yet') +
    (page.token ? ' <button type="button" data-act="bid" data-lot-id="' + l.lotId + '" data-instrument="' +
      esc(l.instrument) + '" data-next="' + esc(l.nextBid) + '">Bid ' + esc(l.nextBid) + '</button>' : '') + '</div></div>';
}

function closedLot(l) {
  return '<div class="lot closed" data-lot-id="' + l.lotId + '" data-status="' + esc(l.status) + '"><b>Lot ' + l.lotId +
    '</b> <span class="badge ' + esc(l.status) + '">' + esc(l.status) + '</span> ' + esc(l.quantity) + ' ' + esc(l.unit) +
    (l.bidder ? ' to <b class="bidder">' + esc(l.bidder) + '</b> at <span class="best">' + esc(l.bestBid) + '</span>' :
      ' without a bid') + ' \u00B7 closed ' + esc(when(l.closeTime)) + '</div>';
}

function renderParticipants(m) {
  setHtml('participants', '<table><tr><th class="l">participant</th><th class="l">role</th><th>free</th><th>blocked</th><th class="l"></th></tr>' +
    m.participants.map((p) => '<tr class="' + (p.id === page.me ? 'mine' : '') + '" data-participant="' + esc(p.id) + '"><td class="l">' +
      esc(p.id) + '</td><td class="l">' + esc(p.role) + '</td><td class="free">' + esc(p.free) + '</td><td class="blocked">' + esc(p.blocked) +
      '</td><td class="l">' + esc(p.currency) + '</td></tr>').join('') + '</table>');
  options($('login-participant'), m.participants.map((p) => [p.id, p.id + ' \u2013 ' + p.name]),
    m.participants.map((p) => p.id).join());
}

function renderLog(m) {
  setHtml('log', '<table><tr><th class="l">time</th><th class="l">from</th><th class="l">participant</th><th class="l">event</th><th class="l">reason</th></tr>' +
    m.log.map((e) => '<tr class="' + esc(e.event) + '"><td class="l">' + whenCell(e.time) + '</td><td class="l">' + esc(e.line) +
      '</td><td class="l">' + esc(e.participant) + ' ' + esc(e.order_id) + '</td><td class="l">' + esc(e.event) +
      (e.code !== '0' ? ' ' + esc(e.code) : '') + '</td><td class="reason">' + esc(e.reason) + '</td></tr>').join('') + '</table>');
}

function renderStudent(m, ins) {
  const known = page.me && m.participants.some((p) => p.id === page.me);
  const s = page.state.session;
  $('login-form').hidden = !!known || s.class.open;
  $('join-form').hidden = !!known || !s.class.open;
  $('trading').hidden = !known;
  if (!known) {
    return;
  }
  $('me').textContent = page.me;
  $('my-role').textContent = page.role ? ' (' + page.role + ')' : '';
  const browsers = s.logins[page.me] || 0;
  $('same-login').hidden = browsers < 2;
  $('same-login').textContent = browsers + ' browsers are logged in as ' + page.me + ': their orders are one ' +
    'participant\'s. Log out unless you mean to share it.';
  const p = m.participants.find((x) => x.id === page.me);
  setHtml('my-deposit', 'deposit free <b>' + esc(p.free) + '</b> ' + esc(p.currency) + ', blocked <b>' + esc(p.blocked) + '</b>');
  $('order-instrument').textContent = ins ? ins.symbol : '';
  const notices = m.notices.filter((n) => n.participant === page.me).slice(-5).reverse();
  setHtml('notices', notices.map((n, i) => '<div class="notice ' + esc(n.kind) + (i === 0 ? ' new' : '') + '" data-seq="' +
    esc(n.seq) + '" data-kind="' + esc(n.kind) + '">' + esc(when(n.time)) + ' ' + esc(n.text) + '</div>').join(''));
  const mine = m.orders.filter((o) => o.owner === page.me);
  setHtml('my-orders', mine.length === 0 ? '<p class="empty">No resting order.</p>' :
    '<table><tr><th class="l">order</th><th class="l">instr.</th><th class="l">side</th><th>price</th><th>open</th><th></th></tr>' +
    mine.map((o) => '<tr data-order-id="' + esc(o.orderId) + '"><td class="l">' + esc(o.orderId) + '</td><td class="l">' + esc(o.instrument) +
      '</td><td class="l">' + esc(o.side) + '</td><td>' + esc(o.price) + '</td><td>' + esc(o.leaves) + '</td><td class="acts">' +
      '<button type="button" data-act="replace" data-order-id="' + esc(o.orderId) + '" data-price="' + esc(o.price) + '" data-leaves="' +
      esc(o.leaves) + '" data-filled="' + esc(o.filled) + '">Replace</button> <button type="button" data-act="cancel" data-order-id="' + esc(o.orderId) + '">Cancel</button></td></tr>').join('') +
    '</table>');
}

// ---------------------------------------------------------------------------------------------- live updates

function connect() {
  const source = new EventSource('/api/stream');
  source.onmessage = (ev) => {
    page.state = JSON.parse(ev.data);
    document.body.dataset.version = page.state.version;
    render();
  };
  source.onerror = () => {
    $('status').textContent = 'connection lost, retrying...';
  };
}

connect();
