// Text below WCAG AA contrast in the page's main block: [{text, ratio, color, size}]; run by tests/test_ui_browser.py.
() => {
  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const mix = (top, under) => ({r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
                                b: top.b * top.a + under.b * (1 - top.a), a: 1});
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
    return layers.reverse().reduce((under, top) => mix(top, under), {r: 255, g: 255, b: 255, a: 1}); };
  const out = [];
  const root = document.querySelector('[data-testid=stMain]') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
    if (!text || !el) continue;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden') continue;
    if (el.closest('button:disabled, [aria-disabled=true], [disabled], [data-testid=stIconMaterial], [aria-hidden=true]')) continue;
    let opacity = 1; for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    if (opacity === 0) continue;  // hidden (a chart hides axis labels that would overlap)
    const svg = el instanceof SVGElement;  // a chart's text is painted with its fill, not its colour
    // Text a chart draws on its own shapes (a count in a coloured square) has no CSS background to measure.
    if (svg && el.closest('.role-mark')) continue;
    const fg = parse(svg ? style.fill : style.color); if (!fg) continue; fg.a *= opacity;
    const bg = background(el), shown = mix(fg, bg);
    const a = lum(shown), b = lum(bg), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) out.push({text: text.slice(0, 50), ratio: Math.round(ratio * 100) / 100, color: style.color, size});
  }
  return out;
}
