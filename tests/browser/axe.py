"""axe-core in the browser tests, without weakening the product's Content Security Policy.

Playwright's page.evaluate runs through the DevTools protocol, which the page's CSP does not govern, so
axe's source is injected that way: no nonce, no 'unsafe-eval', no bypass_csp. Users get the same policy.
"""

from functools import cache
from pathlib import Path

from django.conf import settings

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

_RUN = """async (tags) => {
  const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
  const results = await axe.run(document, options);
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({target: node.target.join(' '), summary: node.failureSummary})),
  }));
}"""


@cache
def _axe_source() -> str:
    path = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        raise RuntimeError(f"{path} is missing: `make test` installs axe-core with npm ci.")
    return path.read_text(encoding="utf-8")


def axe_violations(page, *, impacts=BLOCKING) -> list[dict]:
    """The WCAG 2.1 A/AA violations axe finds on the page as it is now, of the given impacts."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    violations = page.evaluate(_RUN, WCAG_21_AA)
    return [violation for violation in violations if violation["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node['target']}: {node['summary']}" for node in violation["nodes"][:8])
    return "\n".join(lines)


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
