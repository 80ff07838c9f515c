import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';

/** Renders Observable Plot options into the page, redrawn when they change or the box resizes. */
export function PlotFigure({ options, label }: { options: Plot.PlotOptions; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const draw = () => {
      const width = Math.max(320, Math.floor(node.clientWidth));
      const figure = Plot.plot({ ...options, width });
      figure.setAttribute('role', 'img');
      figure.setAttribute('aria-label', label);
      // Plot labels its marks' <g> with aria-label, which ARIA prohibits on elements without
      // a role; keep the mark name as data instead (the figure itself carries the label).
      for (const g of figure.querySelectorAll('svg [aria-label]')) {
        g.setAttribute('data-mark', g.getAttribute('aria-label') ?? '');
        g.removeAttribute('aria-label');
      }
      node.replaceChildren(figure);
    };
    draw();
    let lastWidth = node.clientWidth;
    const observer = new ResizeObserver(() => {
      if (Math.abs(node.clientWidth - lastWidth) < 8) return;
      lastWidth = node.clientWidth;
      draw();
    });
    observer.observe(node);
    return () => {
      observer.disconnect();
      node.replaceChildren();
    };
  }, [options, label]);
  return <div className="plot" ref={ref} />;
}
