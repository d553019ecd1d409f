// <znyw-focus-chart>: grouped bars of real against expected for the top Focus combinations,
// drawn with Apache ECharts (loaded before this file from its webjar). The server calls
// setData(json) with {title, realLabel, expectedLabel, categories, real, expected}; the element
// records the drawn categories in data-categories so that tests and people can check them.
(function () {
  if (customElements.get('znyw-focus-chart')) {
    return;
  }

  class ZnywFocusChart extends window.ZnywEChartElement {
    _draw(data) {
      this._chart.resize();
      this._chart.setOption({
        animation: false,
        title: { text: data.title, left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 24, data: [data.realLabel, data.expectedLabel] },
        grid: { left: 60, right: 20, top: 60, bottom: 90 },
        xAxis: {
          type: 'category',
          data: data.categories,
          axisLabel: { interval: 0, rotate: 20, width: 160, overflow: 'truncate' }
        },
        yAxis: { type: 'value' },
        series: [
          { name: data.realLabel, type: 'bar', data: data.real, itemStyle: { color: '#d9534f' } },
          { name: data.expectedLabel, type: 'bar', data: data.expected, itemStyle: { color: '#5b8def' } }
        ]
      }, true);
      this.setAttribute('data-categories', JSON.stringify(data.categories));
    }
  }

  customElements.define('znyw-focus-chart', ZnywFocusChart);
})();
