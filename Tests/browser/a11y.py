"""Mechanical WCAG 2.1 AA checks run inside Chromium on whatever a page shows right now.

`audit(driver)` inspects the rendered page (language, labels, accessible names, positive
tabindex, text contrast 1.4.3, form-field border contrast 1.4.11); `walk_focus(driver)` presses
Tab through the page as a keyboard user does and checks that every focusable control is
reached, in document order, with a visible focus indicator (2.4.3, 2.4.7). Both return a list of
problems, empty when the page passes."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

# Shared by both checks: visibility, accessible names and colour arithmetic.
_COMMON = r"""
const describe = (el) => {
  if (!el || el === document.body) return 'body';
  let text = el.tagName.toLowerCase();
  if (el.id) text += '#' + el.id;
  else if (el.classList.length) text += '.' + [...el.classList].join('.');
  else if (el.tagName === 'INPUT') {   // a radio button or checkbox is known by its group
    text += `[type=${el.type}]`;
    if (el.name) text += `[name=${el.name}]`;
  }
  const words = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return words ? `${text} «${words}»` : text;
};
/** Inside a closed <details>, apart from its <summary>: laid out (it has client rects) but
 * neither drawn nor reachable with Tab until the details is opened. */
const collapsed = (el) => {
  for (let d = el.parentElement && el.parentElement.closest('details:not([open])'); d;
       d = d.parentElement && d.parentElement.closest('details:not([open])')) {
    const summary = [...d.children].find((child) => child.tagName === 'SUMMARY');
    if (!summary || !summary.contains(el)) return true;
  }
  return false;
};
const shown = (el) => {
  if (!el.getClientRects().length || collapsed(el)) return false;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden') return false;
  const box = el.getBoundingClientRect();
  return box.width > 1 && box.height > 1;   // the 1 px visually-hidden pattern is not shown
};
const textOf = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id))
  .filter(Boolean).map((n) => n.textContent).join(' ').trim();
const accessibleName = (el) => {
  if (el.getAttribute('aria-labelledby')) {
    const named = textOf(el.getAttribute('aria-labelledby'));
    if (named) return named;
  }
  if ((el.getAttribute('aria-label') || '').trim()) return el.getAttribute('aria-label').trim();
  if (el.labels && el.labels.length) {
    const labelled = [...el.labels].map((l) => l.textContent).join(' ').trim();
    if (labelled) return labelled;
  }
  if (/^(BUTTON|A|SUMMARY)$/.test(el.tagName) || el.getAttribute('role') === 'button') {
    const own = (el.textContent || '').trim()
      || [...el.querySelectorAll('img[alt]')].map((i) => i.alt).join(' ').trim();
    if (own) return own;
  }
  return (el.getAttribute('title') || '').trim();
};
const parse = (color) => {
  const m = color.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const [r, g, b, a = 1] = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return { r, g, b, a };
};
const over = (top, bottom) => ({
  r: top.r * top.a + bottom.r * (1 - top.a),
  g: top.g * top.a + bottom.g * (1 - top.a),
  b: top.b * top.a + bottom.b * (1 - top.a),
  a: 1,
});
const luminance = ({ r, g, b }) => {
  const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const ratio = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
/** The opaque colour behind `el`, or null where an image or gradient makes it unknowable. */
const backdrop = (el) => {
  const layers = [];
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.backgroundImage && style.backgroundImage !== 'none') return null;
    const color = parse(style.backgroundColor);
    if (color && color.a > 0) {
      layers.push(color);
      if (color.a >= 1) break;
    }
  }
  return layers.reverse().reduce((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
};
const opacity = (el) => {
  let product = 1;
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    product *= Number(getComputedStyle(node).opacity);
  }
  return product;
};
"""

_AUDIT = _COMMON + r"""
const problems = [];
const lang = document.documentElement.getAttribute('lang');
if (lang !== 'es') problems.push(`<html lang> is ${JSON.stringify(lang)}, not "es"`);
if (!document.title.trim()) problems.push('the page has no <title>');

for (const control of document.querySelectorAll('input, select, textarea')) {
  if (control.type === 'hidden') continue;
  if (!accessibleName(control)) problems.push(`${describe(control)} has no label`);
}
for (const control of document.querySelectorAll('button, a[href], [role="button"]')) {
  if (!accessibleName(control)) problems.push(`${describe(control)} has no accessible name`);
}
for (const node of document.querySelectorAll('[tabindex]')) {
  if (node.tabIndex > 0) problems.push(`${describe(node)} has tabindex ${node.tabIndex} (> 0)`);
}
// 2.4.1: controls before <main> (a header with links) call for a skip link, first in line.
const main = document.querySelector('main');
const tabbable = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
  .filter((el) => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length && !collapsed(el));
const first = tabbable[0];
if (main && first && !main.contains(first) && (first.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING)) {
  if (!main.id || first.getAttribute('href') !== `#${main.id}`) {
    problems.push(`${describe(first)} comes before <main> and is not a skip link to it`);
  }
}
const ids = new Map();
for (const node of document.querySelectorAll('[id]')) {
  if (ids.has(node.id)) problems.push(`id "${node.id}" is used twice`);
  ids.set(node.id, node);
}

// 1.4.3: every visible piece of text against what is behind it.
const checked = new Set();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
let unknowable = 0;
while (walker.nextNode()) {
  const text = walker.currentNode;
  const el = text.parentElement;
  if (!el || checked.has(el) || !text.textContent.trim()) continue;
  checked.add(el);
  if (!shown(el)) continue;
  // Inactive controls are exempt (WCAG 1.4.3, "incidental").
  if (el.closest('button:disabled, [aria-disabled="true"], fieldset:disabled, option')) continue;
  const style = getComputedStyle(el);
  const back = backdrop(el);
  if (!back) { unknowable += 1; continue; }
  let fore = parse(style.color);
  if (!fore) continue;
  fore = over({ ...fore, a: fore.a * opacity(el) }, back);
  const size = parseFloat(style.fontSize);
  const weight = Number(style.fontWeight) || 400;
  const large = size >= 24 || (size >= 18.66 && weight >= 700);
  const needed = large ? 3 : 4.5;
  const got = ratio(fore, back);
  if (got < needed) {
    problems.push(`${describe(el)}: contrast ${got.toFixed(2)}:1, needs ${needed}:1 ` +
                  `(${style.color} on rgb(${back.r | 0}, ${back.g | 0}, ${back.b | 0}), ${size}px ${weight})`);
  }
}

// 1.4.11: the edge of a text field must stand out from what surrounds it.
for (const field of document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea')) {
  if (!shown(field) || field.disabled) continue;
  const style = getComputedStyle(field);
  const border = parse(style.borderTopColor);
  const around = backdrop(field.parentElement);
  if (!border || !around || parseFloat(style.borderTopWidth) === 0) {
    problems.push(`${describe(field)} has no visible border`);
    continue;
  }
  const got = ratio(over(border, around), around);
  if (got < 3) problems.push(`${describe(field)}: border contrast ${got.toFixed(2)}:1, needs 3:1`);
}
return { problems, textsChecked: checked.size, unknowable };
"""

_FOCUSABLE = r"""
const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
const reachable = [...document.querySelectorAll(selector)].filter((el) =>
  el.tabIndex >= 0 && !el.disabled && shown(el) && !el.closest('[inert]'));
// Tab stops once per radio group: on the checked one, else the first.
const seen = new Set();
return reachable.filter((el) => {
  if (el.type !== 'radio' || !el.name) return true;
  if (seen.has(el.name)) return false;
  seen.add(el.name);
  const group = reachable.filter((r) => r.type === 'radio' && r.name === el.name);
  return !group.some((r) => r.checked) || el.checked;
}).map((el) => {
  if (el.type === 'radio' && el.name) {
    const group = reachable.filter((r) => r.type === 'radio' && r.name === el.name);
    el = group.find((r) => r.checked) || group[0];
  }
  return { el, name: describe(el) };
});
"""

_FOCUSED = _COMMON + r"""
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const style = getComputedStyle(el);
const box = el.getBoundingClientRect();
// "auto" is the browser's own focus ring, drawn at least 2 px whatever the width says.
const outline = style.outlineStyle === 'auto'
  || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2);
const ring = style.boxShadow && style.boxShadow !== 'none';
const onScreen = box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight
  && box.width > 1 && box.height > 1;
// 1.4.11: a drawn outline must stand out 3:1 from what it is drawn on (outside the element).
let ringContrast = null;
if (style.outlineStyle !== 'none' && style.outlineStyle !== 'auto') {
  const ringColor = parse(style.outlineColor);
  const around = backdrop(el.parentElement);
  if (ringColor && around) ringContrast = ratio(over(ringColor, around), around);
}
return { el, name: describe(el), indicator: outline || ring, onScreen, ringContrast,
         outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}` };
"""


def audit(driver) -> list:
    result = driver.execute_script(_AUDIT)
    problems = list(result["problems"])
    if result["textsChecked"] == 0:
        problems.append("no visible text was checked")
    return problems


def walk_focus(driver, limit: int = 200) -> list:
    """Presses Tab from the top of the page until focus leaves it or comes back round."""
    # Tab starts from where focus last was; a throw-away stop at the top of <body> resets that.
    driver.execute_script("""
        const start = document.createElement('span');
        start.tabIndex = -1;
        start.id = 'a11y-walk-start';
        document.body.prepend(start);
        start.focus();
        window.scrollTo(0, 0);""")
    listed = driver.execute_script(_COMMON + _FOCUSABLE)
    expected = [item["el"] for item in listed]
    names = [item["name"] for item in listed]
    problems = []
    order = []
    visited = []
    faulted = set()   # (place in `order`, kind): a control's fault is told once, not per stop

    def report(kind: str, where: str, detail: str) -> None:
        if (len(order), kind) not in faulted:
            faulted.add((len(order), kind))
            problems.append(f"{where}: {detail}")

    stop = 0   # Tab stops so far inside the control in focus
    for step in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if step == 0:
            driver.execute_script("document.getElementById('a11y-walk-start').remove()")
        focused = driver.execute_script(_FOCUSED)
        if focused is None:
            break
        # A control may take several Tab stops in a row inside itself (Chromium's date field:
        # day, month, year, calendar button): it is reached once, but every stop must show focus.
        if order and focused["el"] == order[-1]:
            stop += 1
        else:
            if order and focused["el"] == order[0]:
                break
            stop = 1
            order.append(focused["el"])
            visited.append(focused["name"])
        where = focused["name"] if stop == 1 else f"{focused['name']} (Tab stop {stop} inside it)"
        if not focused["indicator"]:
            report("indicator", where, f"no visible focus indicator ({focused['outline']})")
        elif focused["ringContrast"] is not None and focused["ringContrast"] < 3:
            report("indicator", where, f"focus outline contrast {focused['ringContrast']:.2f}:1, "
                                       f"needs 3:1 ({focused['outline']})")
        if not focused["onScreen"]:
            report("on screen", where, "focused but not on screen")
    else:
        problems.append(f"Tab never left the page within {limit} presses")
    missing = [name for el, name in zip(expected, names) if el not in order]
    if missing:
        problems.append(f"never reached with Tab: {missing}; Tab went through {visited}")
    reached = [el for el in order if el in expected]
    if reached != [el for el in expected if el in reached]:
        problems.append(f"Tab order is not the document order: {visited}")
    return problems
