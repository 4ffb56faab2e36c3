import { BarController, BarElement, CategoryScale, Chart, DoughnutController, ArcElement, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what these charts draw is registered, so the bundle carries only that. Chart.js draws on a canvas and sets
// sizes through the style object (CSSOM), never a style attribute or eval: it runs under the renderer's CSP.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);

/** One Chart.js chart; the numbers it shows are also in a table beside it for screen readers. */
export function ChartCanvas({ config, label, testId }: { config: ChartConfiguration<'bar' | 'doughnut'>; label: string; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, { ...config, options: { ...config.options, animation: false, responsive: true, maintainAspectRatio: false } });
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
