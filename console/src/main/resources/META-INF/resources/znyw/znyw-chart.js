// <znyw-chart>: draws one KPI series with Apache ECharts (loaded before this file from its
// webjar). The server calls setData(json) with the ChartData record. After drawing, the element
// sets data-points and data-anomalies to the counts it drew, so tests can check them.
(function () {
  if (customElements.get('znyw-chart')) {
    return;
  }

  function formatter(zone, locale) {
    const format = new Intl.DateTimeFormat(locale || 'zh-CN', {
      timeZone: zone || 'Asia/Shanghai', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hour12: false
    });
    return (value) => format.format(new Date(value));
  }

  class ZnywChart extends window.ZnywEChartElement {
    _draw(data) {
      const label = formatter(data.zone, data.locale);
      const names = data.labels || {};
      const value = data.points.map((p) => [p[0], p[1]]);
      const expected = data.points.map((p) => [p[0], p[2]]);
      const lower = data.points.map((p) => [p[0], p[3]]);
      const width = data.points.map((p) => [p[0], p[4] - p[3]]);
      const anomalies = data.anomalies.map((a) => ({ value: [a[0], a[1]], score: a[2] }));
      this._chart.setOption({
        animation: false,
        title: { text: data.title, left: 'center', textStyle: { fontSize: 14 } },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'cross' },
          formatter: (items) => {
            if (!items.length) return '';
            const lines = [label(items[0].value[0])];
            items.filter((i) => i.seriesId !== 'lower' && i.seriesId !== 'band')
              .forEach((i) => lines.push(i.marker + i.seriesName + ': ' + Number(i.value[1]).toFixed(3)));
            return lines.join('<br/>');
          }
        },
        legend: { bottom: 0, data: [names.value, names.expected, names.anomaly] },
        grid: { left: 60, right: 30, top: 40, bottom: 60 },
        xAxis: { type: 'time', axisLabel: { formatter: label } },
        yAxis: { type: 'value', scale: true, name: data.unit || '' },
        dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 25, height: 16 }],
        series: [
          { id: 'lower', name: 'lower', type: 'line', data: lower, stack: 'band', symbol: 'none',
            lineStyle: { opacity: 0 }, silent: true },
          { id: 'band', name: 'band', type: 'line', data: width, stack: 'band', symbol: 'none',
            lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(84,112,198,0.15)' }, silent: true },
          { id: 'expected', name: names.expected, type: 'line', data: expected, symbol: 'none',
            itemStyle: { color: '#8c8c8c' }, lineStyle: { type: 'dashed', width: 1 } },
          { id: 'value', name: names.value, type: 'line', data: value, symbol: 'none',
            itemStyle: { color: '#1f6fd1' }, lineStyle: { width: 1.5 } },
          { id: 'anomaly', name: names.anomaly, type: 'scatter', data: anomalies, symbolSize: 9,
            itemStyle: { color: '#d9363e' }, z: 10 }
        ]
      }, true);
      this.setAttribute('data-points', String(data.points.length));
      this.setAttribute('data-anomalies', String(data.anomalies.length));
      this.setAttribute('data-bucket-seconds', String(data.bucketSeconds));
    }
  }

  customElements.define('znyw-chart', ZnywChart);
})();
