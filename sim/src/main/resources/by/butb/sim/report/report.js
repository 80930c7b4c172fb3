// The report's charts: reads the JSON object in <script id="charts"> (chart id -> data, see MonthlyChart,
// CountryChart and PriceChart) and draws each on the canvas of that id with Chart.js (no animation, so a chart is
// complete when this script returns). Price charts zoom and pan on the date axis (chartjs-plugin-zoom).
(function () {
  'use strict';
  const charts = JSON.parse(document.getElementById('charts').textContent);
  const usd = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
  const price = new Intl.NumberFormat('en-US', {maximumFractionDigits: 2});
  const DAY = 86400000;

  function iso(ms) {
    return new Date(ms).toISOString().substring(0, 10);
  }

  function money(v) {
    const a = Math.abs(v);
    if (a >= 1e6) {
      return (v / 1e6).toLocaleString('en-US', {maximumFractionDigits: 1}) + ' M';
    }
    return a >= 1e3 ? (v / 1e3).toLocaleString('en-US', {maximumFractionDigits: 1}) + ' k' : usd.format(v);
  }

  // Month starts (UTC, epoch ms) from min to max, every n-th month so that there are at most about 7.
  function monthTicks(min, max) {
    const first = new Date(min);
    const y = first.getUTCFullYear();
    let m = first.getUTCMonth() + (min === Date.UTC(y, first.getUTCMonth(), 1) ? 0 : 1);
    const starts = [];
    for (let t = Date.UTC(y, m, 1); t <= max; t = Date.UTC(y, ++m, 1)) {
      starts.push(t);
    }
    const every = Math.max(1, Math.ceil(starts.length / 7));
    return starts.filter((t, i) => i % every === 0).map(t => ({value: t}));
  }

  function monthly(canvas, c) {
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: c.months,
        datasets: c.datasets.map(d => ({label: d.label, data: d.data, backgroundColor: d.colour}))
      },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: {callback: money}}},
        plugins: {
          title: {display: true, text: c.country, align: 'start'},
          legend: {position: 'right'},
          tooltip: {callbacks: {label: i => c.country + ' ' + i.label + ' ' + i.dataset.label + ': USD ' +
            usd.format(i.parsed.y)}}
        }
      }
    });
  }

  function countries(canvas, c) {
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: c.countries,
        datasets: c.datasets.map(d => ({label: d.label, data: d.data, backgroundColor: d.colour}))
      },
      options: {
        indexAxis: 'y', animation: false, maintainAspectRatio: false,
        scales: {x: {stacked: true, beginAtZero: true, ticks: {callback: money}}, y: {stacked: true}},
        plugins: {
          title: {display: true, text: 'Traded value per country (USD), by instrument', align: 'start'},
          tooltip: {callbacks: {label: i => i.label + ' ' + i.dataset.label + ': USD ' + usd.format(i.parsed.x)}}
        }
      }
    });
  }

  function priceChart(canvas, c) {
    const datasets = [];
    for (const s of c.series) {
      datasets.push({type: 'line', label: s.label, data: s.vwap.map(p => ({x: p[0], y: p[1]})),
        borderColor: s.colour, backgroundColor: s.colour, borderWidth: 1.3, pointRadius: s.vwap.length === 1 ? 3 : 0,
        pointHitRadius: 4});
      datasets.push({type: 'bar', label: s.label + ' low-high', data: s.range.map(p => ({x: p[0], y: [p[1], p[2]]})),
        backgroundColor: s.colour + '4d', barThickness: 2, grouped: false});
    }
    for (const [i, b] of c.band.entries()) {
      datasets.push({type: 'line', label: i === 0 ? 'price band' : 'price band (high)', data: [{x: c.xMin, y: b},
        {x: c.xMax, y: b}], borderColor: '#c62828', borderDash: [4, 3], borderWidth: 1, pointRadius: 0});
    }
    return new Chart(canvas, {
      data: {datasets: datasets},
      options: {
        animation: false, maintainAspectRatio: false, parsing: true,
        interaction: {mode: 'nearest', intersect: false},
        scales: {
          x: {type: 'linear', min: c.xMin, max: c.xMax, offset: false, afterBuildTicks: a => {
            a.ticks = monthTicks(a.min, a.max);
          }, ticks: {callback: v => iso(v).substring(0, 7), maxRotation: 0}},
          y: {min: c.yMin, max: c.yMax, ticks: {includeBounds: false, callback: v => price.format(v)}}
        },
        plugins: {
          title: {display: true, text: c.title, align: 'start'},
          legend: {labels: {filter: l => !l.text.endsWith('low-high') && l.text !== 'price band (high)'}},
          tooltip: {callbacks: {
            title: items => items.length ? iso(items[0].parsed.x) : '',
            label: i => Array.isArray(i.raw.y) ? i.dataset.label + ': ' + price.format(i.raw.y[0]) + '..' +
              price.format(i.raw.y[1]) : i.dataset.label + ': ' + price.format(i.parsed.y)
          }},
          zoom: {
            limits: {x: {min: c.xMin, max: c.xMax, minRange: 14 * DAY}},
            zoom: {wheel: {enabled: true}, drag: {enabled: true, modifierKey: 'shift'}, mode: 'x'},
            pan: {enabled: true, mode: 'x'}
          }
        }
      }
    });
  }

  const draw = {monthly: monthly, countries: countries, price: priceChart};
  for (const [id, c] of Object.entries(charts)) {
    draw[c.kind](document.getElementById(id), c);
  }
  for (const button of document.querySelectorAll('button[data-reset]')) {
    button.addEventListener('click', () => Chart.getChart(button.dataset.reset).resetZoom());
  }
})();
