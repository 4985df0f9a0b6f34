"""nox sessions for the dcep monorepo.

`nox` (no arguments) runs everything CI runs: lint, type check, each package's and app's tests in
an environment holding only that component and its declared dependencies, the cross-package
tests, and a build + clean install of every wheel. `nox -s benchmarks` runs the benchmarks; `nox -s peer`
solves the same day and week in PyPSA and dcep (its own venv; neither is run by default).
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "typecheck", "tests", "crosstests", "build", "installed", "report_browser"]

ROOT = Path(__file__).parent
DIST = ROOT / "dist"
COMPONENTS: dict[str, Path] = {
    p.name: p
    for base in ("packages", "apps")
    for p in sorted((ROOT / base).iterdir())
    if (p / "pyproject.toml").is_file()
}


#: Optional extras a component's own tests exercise (installed wherever those tests run).
TEST_EXTRAS: dict[str, str] = {"dcep-cli": "[parquet]"}
#: Optional extras of a dcep dependency installed in EVERY session that installs it: dcep-opt's Dask
#: paths (sweep, sizing, parallel year) are tested by dcep-opt's and the CLI's tests, never skipped.
SIBLING_EXTRAS: dict[str, str] = {"dcep-opt": "[dask]"}


def _spec(component: str, tested: str) -> str:
    """Install spec of ``component`` in a session testing ``tested``: its path plus the extras it needs."""
    extras = {x.strip("[]") for x in (SIBLING_EXTRAS.get(component, ""),) if x}
    if component == tested and component in TEST_EXTRAS:
        extras.add(TEST_EXTRAS[component].strip("[]"))
    return str(COMPONENTS[component]) + (f"[{','.join(sorted(extras))}]" if extras else "")


def _siblings(name: str) -> list[str]:
    """`name` and every dcep component it depends on, transitively (from declared metadata)."""
    seen: list[str] = []

    def visit(dist: str) -> None:
        if dist in seen:
            return
        seen.append(dist)
        meta = tomllib.loads((COMPONENTS[dist] / "pyproject.toml").read_text())
        for req in meta["project"].get("dependencies", []):
            dep = req.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip()
            if dep in COMPONENTS:
                visit(dep)

    visit(name)
    return seen


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and format check over the whole tree."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy over every component's sources."""
    session.install("mypy>=1.10", "pandas-stubs", *[str(COMPONENTS[c]) for c in COMPONENTS])
    for path in COMPONENTS.values():
        session.run("mypy", str(path / "src"))


@nox.session
@nox.parametrize("component", list(COMPONENTS))
def tests(session: nox.Session, component: str) -> None:
    """One component's tests, installed with only its declared dcep siblings."""
    paths = [_spec(c, component) for c in _siblings(component)]
    session.install(
        *paths, "pytest>=8", "hypothesis>=6.100", "pytest-textual-snapshot" if component == "dcep-tui" else "pytest>=8"
    )
    session.run("pytest", "-q", str(COMPONENTS[component] / "tests"), *session.posargs)


@nox.session
def crosstests(session: nox.Session) -> None:
    """The cross-package tests in tests/ against the whole stack."""
    session.install(
        *[_spec(c, "") for c in COMPONENTS],
        "pytest>=8",
        "hypothesis>=6.100",
        "scipy>=1.11",
        "pytest-textual-snapshot",  # tests/test_tui_snapshots.py: the six TUI pages on the seed case
    )
    session.run("pytest", "-q", "tests", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Build a wheel and an sdist of every package and app into dist/."""
    session.install("build>=1.2", "hatchling>=1.25")
    shutil.rmtree(DIST, ignore_errors=True)
    for path in COMPONENTS.values():
        session.run("python", "-m", "build", "--no-isolation", "--outdir", str(DIST), str(path), silent=True)
    session.log("built: " + ", ".join(sorted(p.name for p in DIST.iterdir())))


@nox.session
@nox.parametrize("component", list(COMPONENTS))
def installed(session: nox.Session, component: str) -> None:
    """Install one built wheel by name from dist/ and run its tests against it."""
    if not DIST.is_dir():
        session.error("dist/ is missing: run `nox -s build` first")
    reinstall = [arg for c in COMPONENTS for arg in ("--reinstall-package", c)]
    wanted = component + TEST_EXTRAS.get(component, "")
    extras = [c + x for c, x in SIBLING_EXTRAS.items() if c in _siblings(component)]  # e.g. dcep-opt[dask]
    session.install("--find-links", str(DIST), *reinstall, wanted, *extras, "pytest>=8", "hypothesis>=6.100")
    expected = sorted(_siblings(component))
    names_py = "import importlib.metadata as m; print(' '.join(d.metadata['Name'] for d in m.distributions()))"
    listing = session.run("python", "-c", names_py, silent=True)
    present = sorted(name for name in str(listing).split() if name.startswith("dcep-"))
    if present != expected:
        session.error(f"{component} pulled in {present}, expected exactly its declared siblings {expected}")
    module = component.replace("-", "_")
    session.run("python", "-c", f"import {module}, sys; assert 'site-packages' in {module}.__file__, {module}.__file__")
    session.chdir(COMPONENTS[component])
    session.run("pytest", "-q", "-p", "no:cacheprovider", "tests", *session.posargs)


@nox.session
def report_browser(session: nox.Session) -> None:
    """The HTML report (`dcep report`) in a real headless browser: Debian's chromium (installed by
    .ci/run with apt) driven by Playwright for Python. Playwright never downloads a browser here."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).is_file():
        session.error("chromium is missing: `apt-get install -y chromium` (.ci/run does this)")
    session.install(*[str(p) for p in COMPONENTS.values()], "pytest>=8", "playwright>=1.40")
    env = {"DCEP_CHROMIUM": chromium, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}
    session.run("python", "-c", "import playwright.sync_api")  # fail, never skip, when it is missing
    session.run("pytest", "-q", "-s", "tests/browser", *session.posargs, env=env)


@nox.session
def benchmarks(session: nox.Session) -> None:
    """Print speed and memory figures (not run by default)."""
    session.install(*[str(p) for p in COMPONENTS.values()], "scipy>=1.11")
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        session.run("python", str(script), *session.posargs)


@nox.session
def peer(session: nox.Session) -> None:
    """PyPSA as a peer (not run by default, not in CI): the same battery + gas fleet + POI day and week
    in PyPSA and in dcep, both objectives and both times from one run (benchmarks/peer_pypsa.py).

    Its own venv: PyPSA 1.4 needs pandas >= 3 while the dev env holds pandas 2. dcep's packages resolve
    with it (pandapower 3.1 accepts pandas 3.0), so they are installed from this checkout next to it.
    """
    packages = [str(COMPONENTS[c]) for c in _siblings("dcep-opt")]
    session.install("pypsa>=1.4", "highspy>=1.7", *packages)
    session.run("python", str(ROOT / "benchmarks" / "peer_pypsa.py"), *session.posargs)
