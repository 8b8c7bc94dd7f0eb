// The SVG layer over the frames and objects columns: an arrow from each reference cell (a binding, a
// property, an entry) to the box of the object it refers to. Drawn after layout, from the boxes'
// positions; redrawn when the layout changes.

const SVG = 'http://www.w3.org/2000/svg';

function arrowHead(svg: SVGSVGElement): void {
  const defs = document.createElementNS(SVG, 'defs');
  const marker = document.createElementNS(SVG, 'marker');
  marker.setAttribute('id', 'arrow-head');
  marker.setAttribute('viewBox', '0 0 10 10');
  marker.setAttribute('refX', '9');
  marker.setAttribute('refY', '5');
  marker.setAttribute('markerWidth', '7');
  marker.setAttribute('markerHeight', '7');
  marker.setAttribute('orient', 'auto-start-reverse');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M 0 0 L 10 5 L 0 10 z');
  path.setAttribute('class', 'arrow-head');
  marker.append(path);
  defs.append(marker);
  svg.append(defs);
}

/** Draws the arrows for every `[data-ref]` cell inside `area` into `svg` (which covers `area`). */
export function drawArrows(area: HTMLElement, svg: SVGSVGElement): void {
  svg.replaceChildren();
  arrowHead(svg);
  const origin = area.getBoundingClientRect();
  const width = area.scrollWidth;
  const height = area.scrollHeight;
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const at = (rect: DOMRect) => ({
    left: rect.left - origin.left + area.scrollLeft,
    right: rect.right - origin.left + area.scrollLeft,
    top: rect.top - origin.top + area.scrollTop,
    middle: (rect.top + rect.bottom) / 2 - origin.top + area.scrollTop,
  });
  for (const cell of area.querySelectorAll<HTMLElement>('[data-ref]')) {
    const box = area.querySelector<HTMLElement>(`#object-${cell.dataset.ref}`);
    if (box === null) continue;
    const from = at(cell.getBoundingClientRect());
    const to = at(box.getBoundingClientRect());
    const x1 = (from.left + from.right) / 2;
    const y1 = from.middle;
    const y2 = to.top + 12;
    // Into the box's left edge when it lies to the right; otherwise around into its right edge.
    const rightwards = to.left >= from.right - 4;
    const x2 = rightwards ? to.left : to.right;
    const bend = Math.max(40, Math.abs(x2 - x1) / 2);
    const c1 = x1 + bend;
    const c2 = rightwards ? x2 - bend : x2 + bend;
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', `M ${x1} ${y1} C ${c1} ${y1}, ${c2} ${y2}, ${x2} ${y2}`);
    path.setAttribute('class', 'arrow');
    path.setAttribute('marker-end', 'url(#arrow-head)');
    path.dataset.source = cell.id;
    path.dataset.target = box.id;
    svg.append(path);
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('cx', String(x1));
    dot.setAttribute('cy', String(y1));
    dot.setAttribute('r', '3.5');
    dot.setAttribute('class', 'arrow-origin');
    svg.append(dot);
  }
}

/** While the pointer is on a reference cell or an object box, its arrows (in and out) stand out. */
export function highlightArrowsOnHover(area: HTMLElement, svg: SVGSVGElement): void {
  let lit: Element[] = [];
  const clear = (): void => {
    for (const node of lit) node.classList.remove('lit');
    lit = [];
  };
  area.addEventListener('pointerover', (event) => {
    clear();
    const target = event.target as Element;
    const cell = target.closest<HTMLElement>('[data-ref]');
    const box = target.closest<HTMLElement>('.object');
    const selector = cell !== null
      ? `path.arrow[data-source="${cell.id}"]`
      : box !== null ? `path.arrow[data-target="${box.id}"]` : null;
    if (selector === null) return;
    lit = [...svg.querySelectorAll(selector)];
    for (const node of lit) node.classList.add('lit');
  });
  area.addEventListener('pointerleave', clear);
}
