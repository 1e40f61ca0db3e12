import * as echarts from 'echarts';

const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 400 });
const day = 86400e3;
chart.setOption({
  animation: false,
  useUTC: true,
  xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
  yAxis: { type: 'value' },
  series: [
    {
      type: 'line',
      data: Array.from({ length: 30 }, (_, i) => [Date.UTC(2021, 0, 1) + i * 13 * day, i]),
    },
  ],
});
const model = chart.getModel().getComponent('xAxis');
const labels = model.axis.getViewLabels();
console.log(Object.keys(labels[0]), labels.slice(0, 2));
const view = chart.getViewOfComponentModel(model);
const texts = [];
view.group.traverse((el) => {
  if (el.type === 'text')
    texts.push([
      el.style.text,
      el.ignore,
      el.invisible,
      el.x,
      el.y,
      el.__tickValue ?? null,
      Object.keys(el).filter((k) => /tick|value|data/i.test(k)),
    ]);
});
console.log(texts);
