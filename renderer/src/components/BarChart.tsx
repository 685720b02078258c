// A pass-rate bar chart (Apache ECharts, only the parts we use) whose bars can be clicked.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as EBar } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { FONT_FAMILY } from '../theme';

echarts.use([EBar, GridComponent, TooltipComponent, CanvasRenderer]);

export interface Bar {
  key: string;
  label: string;
  /** 0–100, or null when nobody sat. */
  percent: number | null;
  tooltip: string;
}

export function BarChart({ bars, onPick, height = 280 }: { bars: Bar[]; onPick?: (key: string) => void; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const key = (p.data as { key?: string } | undefined)?.key;
      if (key !== undefined) pick.current?.(key);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        // No growing bars: the figure an officer reads (and a screenshot shows) is the final one.
        animation: false,
        textStyle: { fontFamily: FONT_FAMILY },
        grid: { left: 48, right: 16, top: 16, bottom: 8, containLabel: true },
        tooltip: { trigger: 'item', formatter: (p: { data: { tooltip: string } }) => p.data.tooltip },
        xAxis: {
          type: 'category',
          data: bars.map((b) => b.label),
          axisLabel: { interval: 0, width: 110, overflow: 'truncate', rotate: bars.length > 5 ? 20 : 0, color: '#3b4656' },
        },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', color: '#6b7685' } },
        series: [
          {
            type: 'bar',
            barMaxWidth: 42,
            cursor: 'pointer',
            label: { show: true, position: 'top', formatter: (p: { data: { percent: number | null } }) => (p.data.percent === null ? '—' : `${p.data.percent.toFixed(1)}%`) },
            itemStyle: { color: '#2f7bf0', borderRadius: [3, 3, 0, 0] },
            data: bars.map((b) => ({ value: b.percent ?? 0, key: b.key, percent: b.percent, tooltip: b.tooltip })),
          },
        ],
      },
      true,
    );
  }, [bars]);

  return <div ref={el} style={{ width: '100%', height }} />;
}
