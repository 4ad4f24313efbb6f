import { BarChart, type BarSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECElementEvent, type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws, so that the page's chunk stays small (the full echarts is ~1 MB).
// SVG rather than canvas: crisp at any zoom, and the shapes are elements a browser test can click.
use([BarChart, PieChart, GridComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption
>;

interface Props {
  option: ChartOption;
  /** What the chart shows, figures included: the chart is one image to a screen reader. */
  label: string;
  height: number;
  /** Called with the index of the bar, point or slice clicked. */
  onItemClick?: (dataIndex: number) => void;
}

function reducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/**
 * A thin React wrapper around one ECharts instance: created on the div when mounted, given each new option,
 * resized with its box (the side menu folding, a phone turning), disposed when unmounted.
 */
export function EChart({ option, label, height, onItemClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  // The latest click handler, read when a click happens, so that a new handler needs no re-binding.
  const onClick = useRef(onItemClick);
  onClick.current = onItemClick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = init(element, null, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (event: ECElementEvent) => {
      if (event.componentType === 'series') onClick.current?.(event.dataIndex);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: !reducedMotion(), ...option }, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} className="echart" style={{ height }} />;
}
