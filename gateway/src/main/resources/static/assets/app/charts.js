import { t } from './i18n.js';

// ECharts (a webjar served by the gateway) draws every chart; this module only shapes the data for it.

function chart(element) {
  if (!window.echarts) return null;
  const instance = window.echarts.init(element, null, { renderer: 'canvas' });
  new ResizeObserver(() => instance.resize()).observe(element);
  return instance;
}

export function dailyChart(element, days) {
  const instance = chart(element);
  if (!instance) return;
  instance.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: days.map((d) => d.date) },
    yAxis: { type: 'value', minInterval: 1 },
    dataZoom: days.length > 60 ? [{ type: 'inside', start: 70, end: 100 }] : [],
    series: [
      { name: t('archive.posts'), type: 'bar', stack: 'all', data: days.map((d) => d.posts) },
      { name: t('archive.replies'), type: 'bar', stack: 'all', data: days.map((d) => d.replies) },
      { name: t('archive.quotes'), type: 'bar', stack: 'all', data: days.map((d) => d.quotes) },
      { name: t('archive.reposts'), type: 'bar', stack: 'all', data: days.map((d) => d.reposts) },
    ],
  });
}

export function weekHourHeatmap(element, counts) {
  const instance = chart(element);
  if (!instance) return;
  const weekdays = t('weekdays').split(',');
  const data = [];
  let max = 0;
  counts.forEach((hours, day) => hours.forEach((n, hour) => {
    data.push([hour, day, n]);
    max = Math.max(max, n);
  }));
  instance.setOption({
    animation: false,
    tooltip: { position: 'top' },
    grid: { left: 48, right: 16, top: 8, bottom: 64 },
    xAxis: { type: 'category', data: [...Array(24).keys()].map(String), splitArea: { show: true } },
    yAxis: { type: 'category', data: weekdays, inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max: Math.max(1, max), orient: 'horizontal', left: 'center', bottom: 0, calculable: true },
    series: [{ type: 'heatmap', data }],
  });
}

export function calendarHeatmap(element, calendar, onDay) {
  const instance = chart(element);
  if (!instance) return;
  instance.setOption({
    animation: false,
    tooltip: {},
    visualMap: { show: false, min: 0, max: Math.max(1, calendar.max) },
    calendar: { range: String(calendar.year), cellSize: ['auto', 13], left: 32, right: 8, top: 24, dayLabel: { firstDay: 1 } },
    series: [{ type: 'heatmap', coordinateSystem: 'calendar', data: calendar.days.map((d) => [d.date, d.count]) }],
  });
  if (onDay) instance.on('click', (params) => onDay(params.value[0]));
}
