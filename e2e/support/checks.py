"""What every page must be, checked in the browser on each page the scenarios reach:

- no untranslated word: a key shown for want of a word (`[area.key]`), a placeholder left
  unfilled (`{name}`), or a label in the other language;
- no raw template error and no stack trace;
- `lang` on <html> names the page's language;
- every form control has a label;
- a refused form marks its fields invalid, says why beside each, and sums up at the top;
- axe-core (4.12, run in the page) finds no serious or critical violation of WCAG 2.1 A/AA,
  colour contrast included.
"""
import os
import re
from functools import lru_cache
from pathlib import Path

# While a scenario is being written: problems go to screenshots/problems.txt instead of failing.
LENIENT = os.environ.get("E2E_LENIENT") == "1"

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
KEY_SHOWN = re.compile(r"\[[a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*\]")
PLACEHOLDER_LEFT = re.compile(r"\{[a-z][A-Za-z]*\}")
TEMPLATE_OR_TRACE = [
    (re.compile(r"LeafError|LeafKit|#extend\(|#export\(|#import\(|#\([a-zA-Z.]+\)|#if\(|#for\("), "a raw template error or tag"),
    (re.compile(r"\.swift:\d+|Fatal error|Thread \d+|Traceback \(most recent call last\)|Stack trace|NIOCore|FluentKit|SQLiteError|PSQLError"), "a stack trace or internal error"),
]
# Words that are the same in both languages: acronyms and proper names of the procedure.
SHARED = re.compile(r"^(?:[A-Z0-9][A-Z0-9&.\-]+|PDF|PNG|JPEG|QR|ID|English|中文|OK)$")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]+")
# Chinese inside brackets glosses an English label (Work summary (字)); outside them it is untranslated.
BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）|“[^”]*”|「[^」]*」")

LABEL_SELECTOR = "label, button, legend, th, h1, h2, h3, caption, summary, nav a, input[type=submit]"

LABELS_SCRIPT = """
const pageLang = document.documentElement.lang || '';
const base = pageLang.split('-')[0];
const result = [];
for (const element of document.querySelectorAll(arguments[0])) {
  if (element.closest('[hidden], [aria-hidden=true]')) continue;
  const copy = element.cloneNode(true);
  // Parts in another language say so with their own lang attribute (WCAG 3.1.2); controls
  // inside a label carry the person's data, not the label's words.
  for (const part of copy.querySelectorAll('[lang], input, select, textarea, output, .data, [translate=no]')) {
    const lang = part.getAttribute('lang');
    if (lang === null || lang.split('-')[0] !== base) part.remove();
  }
  const own = element.closest('[lang]');
  if (own && own !== document.documentElement && own.getAttribute('lang').split('-')[0] !== base) continue;
  if (element.closest('[translate=no], .data')) continue;
  const text = ((element.tagName === 'INPUT' ? element.value : copy.textContent) || '').replace(/\\s+/g, ' ').trim();
  if (text) result.push([element.tagName.toLowerCase(), text]);
}
return result;
"""

UNLABELLED_SCRIPT = """
const found = [];
for (const control of document.querySelectorAll('input, select, textarea')) {
  const type = (control.getAttribute('type') || '').toLowerCase();
  if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
  if (control.closest('[hidden]')) continue;
  const labelled = control.labels && control.labels.length > 0 &&
      [...control.labels].some(l => l.textContent.trim().length > 0);
  const named = (control.getAttribute('aria-label') || '').trim() ||
      (control.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
        .some(id => (document.getElementById(id)?.textContent || '').trim());
  if (!labelled && !named) found.push(control.outerHTML.slice(0, 160));
}
return found;
"""


ERRORS_SCRIPT = """
const found = [];
const invalid = [...document.querySelectorAll('[aria-invalid=true]')];
if (invalid.length === 0) return found;
const summary = document.querySelector('.error-summary[role=alert]');
if (!summary || !summary.textContent.trim()) found.push('fields are marked invalid but no error summary is at the top');
for (const field of invalid) {
  const ids = (field.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
  const said = ids.map(id => document.getElementById(id)).filter(e => e && e.textContent.trim());
  if (said.length === 0) found.push('an invalid field without its error beside it: ' + field.outerHTML.slice(0, 120));
}
for (const link of document.querySelectorAll('.error-summary a[href^="#"]')) {
  if (!document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1))))
    found.push('the error summary links to nothing: ' + link.getAttribute('href'));
}
return found;
"""


def unbracketed(text: str) -> str:
    """The text without its bracketed parts, innermost first: Criteria (三(三)) → Criteria."""
    while True:
        shorter = BRACKETED.sub(" ", text)
        if shorter == text:
            return text
        text = shorter


def label_problem(text: str, language: str) -> str | None:
    """Why a label's words are not all in the page's language, or None."""
    if language == "zh":
        words = [w for w in LATIN_WORD.findall(unbracketed(text)) if not SHARED.match(w)]
        if not HAN.search(text) and words:
            return "an English label on a Chinese page"
        if HAN.search(text) and any(w[0].islower() and len(w) >= 3 for w in words):
            return "a label mixing Chinese and English"
        return None
    outside = unbracketed(text)
    if HAN.search(outside):
        return "a Chinese label on an English page" if not LATIN_WORD.search(outside) else "a label mixing English and Chinese"
    return None


@lru_cache(maxsize=1)
def axe_source() -> str:
    import axe_playwright_python
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(driver) -> list[str]:
    driver.execute_script(axe_source())
    result = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                           resultTypes: ['violations']})
           .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' '))}))))
           .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
    """)
    return [f"axe {v['id']} ({v['impact']}): {v['help']} — " + "; ".join(v["nodes"])
            for v in result if v["impact"] in ("serious", "critical")]


def page_problems(driver, language: str, run_axe: bool = True) -> list[str]:
    problems = []
    text = driver.execute_script("return document.body ? document.body.innerText : ''")
    for match in KEY_SHOWN.findall(text):
        problems.append(f"untranslated key shown: {match}")
    for match in PLACEHOLDER_LEFT.findall(text):
        problems.append(f"placeholder left unfilled: {match}")
    for pattern, what in TEMPLATE_OR_TRACE:
        found = pattern.search(text)
        if found:
            problems.append(f"{what}: {found.group(0)!r}")
    page_lang = driver.execute_script("return document.documentElement.lang") or ""
    if page_lang.split("-")[0] != language:
        problems.append(f"<html lang={page_lang!r}> on a page read in {language}")
    for tag, label in driver.execute_script(LABELS_SCRIPT, LABEL_SELECTOR):
        why = label_problem(label, language)
        if why:
            problems.append(f"{why}: <{tag}> {label[:120]!r}")
    for control in driver.execute_script(UNLABELLED_SCRIPT):
        problems.append(f"a control without a label: {control}")
    problems.extend(driver.execute_script(ERRORS_SCRIPT))
    if run_axe:
        try:
            problems.extend(axe_violations(driver))
        except Exception as error:  # JavaScript off: axe cannot run, the other checks still do.
            if "javascript" not in str(error).lower():
                raise
    return problems
