// Charts of the dashboards, drawn by Apache ECharts (served from lib/echarts, loaded on first use). Components call
// these functions through JS interop with plain data; the grid beside each chart carries the same figures as text.
let loading = null;

function loadECharts() {
    if (window.echarts) {
        return Promise.resolve();
    }
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = 'lib/echarts/echarts.min.js';
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
    });
    return loading;
}

/** A horizontal bar per place (in the order given), values in percent, 100 % marked. */
export async function percentBars(element, names, percents) {
    await loadECharts();
    const chart = window.echarts.getInstanceByDom(element) ?? window.echarts.init(element, null, { renderer: 'svg' });
    chart.setOption({
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
        grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', max: value => Math.max(100, Math.ceil(value.max / 10) * 10), axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', data: names, inverse: true },
        series: [{
            type: 'bar', data: percents, itemStyle: { color: '#0b4f9c' },
            label: { show: true, position: 'right', formatter: p => p.value == null ? '—' : p.value.toFixed(1) + '%' },
            markLine: { silent: true, symbol: 'none', data: [{ xAxis: 100 }], lineStyle: { color: '#995c00' }, label: { show: false } },
        }],
        animation: false,
    });
    new ResizeObserver(() => chart.resize()).observe(element);
}

export function dispose(element) {
    window.echarts?.getInstanceByDom(element)?.dispose();
}
