import { renderAsync } from '@resvg/resvg-js';
import type { EChartsOption } from 'echarts';

/**
 * Charts of the summary report as PNG images: ECharts draws the chart as SVG on the server (its SSR renderer,
 * no DOM, no canvas), resvg turns the SVG into a PNG in the thread pool (renderAsync), so the event loop is
 * not held while it rasterises. Word shows PNG everywhere; an SVG in a .docx needs a PNG fallback anyway.
 * Text uses the system's CJK font (Noto Sans CJK SC, the fonts-noto-cjk package).
 */

export interface ChartImage {
  png: Buffer;
  /** The chart's size in CSS pixels (96 to the inch); the PNG holds SCALE times as many pixels. */
  width: number;
  height: number;
  /** What the chart shows, for the image's alternative text. */
  title: string;
}

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;
/** Rendered at twice its size, so that it prints sharp at the 156 mm text width. */
const SCALE = 2;
const FONT = 'Noto Sans CJK SC';
const COLOR = '#3b6fd4';

async function render(title: string, option: EChartsOption, height = CHART_HEIGHT): Promise<ChartImage> {
  // Loaded on first use: ECharts is large, and only the summary report draws on the server.
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height });
  let svg: string;
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT },
      title: { text: title, left: 'center', textStyle: { fontFamily: FONT, fontSize: 18 } },
      ...option,
    });
    svg = chart.renderToSVGString();
  } finally {
    // An undisposed chart keeps its animation timer and with it the process alive.
    chart.dispose();
  }
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
    fitTo: { mode: 'width', value: CHART_WIDTH * SCALE },
    background: '#ffffff',
  });
  return { png: image.asPng(), width: CHART_WIDTH, height, title };
}

const noData = {
  type: 'text',
  left: 'center',
  top: 'middle',
  style: { text: '本期无数据', fontSize: 16, fill: '#999999', fontFamily: FONT },
} as const;

export interface BarInput {
  title: string;
  labels: string[];
  values: number[];
  /** Horizontal bars, for long labels (categories, counties). */
  horizontal?: boolean;
}

/** A bar chart of counts, each bar labelled with its value. */
export async function barChart(input: BarInput): Promise<ChartImage> {
  const { title, labels, values, horizontal = false } = input;
  const category = {
    type: 'category' as const,
    data: horizontal ? [...labels].reverse() : labels,
    axisLabel: {
      fontFamily: FONT,
      fontSize: 13,
      interval: 0,
      ...(horizontal ? {} : { rotate: labels.length > 6 ? 30 : 0 }),
    },
  };
  const value = { type: 'value' as const, minInterval: 1, axisLabel: { fontFamily: FONT } };
  // Horizontal bars: one row of about 28 px per label, at least the usual height.
  const height = horizontal ? Math.max(CHART_HEIGHT, 90 + labels.length * 28) : CHART_HEIGHT;
  return render(
    title,
    {
      grid: { left: 24, right: 48, top: 56, bottom: 24, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [
        {
          type: 'bar',
          data: horizontal ? [...values].reverse() : values,
          itemStyle: { color: COLOR },
          barMaxWidth: 48,
          label: { show: true, position: horizontal ? 'right' : 'top', fontFamily: FONT },
        },
      ],
      ...(labels.length === 0 ? { graphic: [noData] } : {}),
    },
    height,
  );
}

export interface RateInput {
  label: string;
  /** 0 to 1, or null when there was nothing to measure. */
  rate: number | null;
}

/** Rates as percentage bars on a 0–100 % scale; a rate with nothing to measure shows “—”. */
export async function rateChart(title: string, rates: RateInput[]): Promise<ChartImage> {
  return render(title, {
    grid: { left: 24, right: 48, top: 56, bottom: 24, containLabel: true },
    xAxis: {
      type: 'category',
      data: rates.map((r) => r.label),
      axisLabel: { fontFamily: FONT, fontSize: 14 },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontFamily: FONT } },
    series: [
      {
        type: 'bar',
        data: rates.map((r) => (r.rate === null ? 0 : Math.round(r.rate * 1000) / 10)),
        itemStyle: { color: COLOR },
        barMaxWidth: 64,
        label: {
          show: true,
          position: 'top',
          fontFamily: FONT,
          // As the report's text writes rates: one decimal.
          formatter: (p: { dataIndex: number }) => {
            const rate = rates[p.dataIndex]?.rate ?? null;
            return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
          },
        },
      },
    ],
  });
}
