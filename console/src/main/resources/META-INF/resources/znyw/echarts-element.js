// ZnywEChartElement: the lifecycle that every ZNYW chart element shares. It starts Apache ECharts
// (loaded before this file from its webjar) when attached, redraws when the element or the
// window is resized, disposes of the chart when detached, and keeps data that arrives before the
// chart exists. Subclasses implement _draw(data); the server calls setData(json).
(function () {
  if (window.ZnywEChartElement) {
    return;
  }

  class ZnywEChartElement extends HTMLElement {
    connectedCallback() {
      this.style.display = 'block';
      if (!this._chart) {
        this._chart = echarts.init(this);
        this._resize = () => this._chart && this._chart.resize();
        window.addEventListener('resize', this._resize);
        // The element may have no size yet when ECharts starts: redraw when it grows.
        this._observer = new ResizeObserver(this._resize);
        this._observer.observe(this);
      }
      if (this._pending) {
        this._draw(this._pending);
        this._pending = null;
      }
    }

    disconnectedCallback() {
      window.removeEventListener('resize', this._resize);
      if (this._observer) {
        this._observer.disconnect();
        this._observer = null;
      }
      if (this._chart) {
        this._chart.dispose();
        this._chart = null;
      }
    }

    setData(json) {
      const data = JSON.parse(json);
      if (this._chart) {
        this._draw(data);
      } else {
        this._pending = data;
      }
    }
  }

  window.ZnywEChartElement = ZnywEChartElement;
})();
