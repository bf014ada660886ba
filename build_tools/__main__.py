"""Command line: `python3 -m build_tools build | serve | check | test`.

The first thing it does is make sure the project's virtual environment exists
with the pinned packages (bootstrap.py, standard library only), so a maintainer
on a fresh machine needs nothing but `python3`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from build_tools import bootstrap


def _publish_options(command: argparse.ArgumentParser) -> None:
    """When a build may replace site/ and docs/ (build_tools/publish.py)."""
    command.add_argument(
        "--allow-shrink",
        action="store_true",
        help="publish even when the build has no article pages or far fewer than the current site",
    )
    command.add_argument(
        "--shrink-limit",
        type=float,
        default=0.5,
        metavar="SHARE",
        help="refuse a site with fewer than this share of the current site's article pages (default 0.5)",
    )
    command.add_argument(
        "--keep-on-error",
        action="store_true",
        help="leave site/ and docs/ as they were when any seed or data file has an error (serve does)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 -m build_tools", description="Build the 硬科技读本 site from seed articles."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("build", "turn seeds into docs/ pages and render site/"),
        ("check", "read and validate every seed and data file; write nothing"),
        ("serve", "build, then preview both editions with live reload; rebuild on every change"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument(
            "--seeds",
            type=Path,
            default=bootstrap.PROJECT_ROOT / "seeds",
            help="folder of seed articles (default: seeds/)",
        )
        command.add_argument(
            "--docs",
            type=Path,
            default=bootstrap.PROJECT_ROOT / "docs",
            help="where generated Markdown goes (default: docs/)",
        )
        command.add_argument(
            "--site",
            type=Path,
            default=bootstrap.PROJECT_ROOT / "site",
            help="where the site is rendered (default: site/)",
        )
        command.add_argument(
            "--cache",
            type=Path,
            default=bootstrap.PROJECT_ROOT / ".cache",
            help="where results are cached by content hash (default: .cache/)",
        )
        command.add_argument("--strict", action="store_true", help="treat warnings as failures")
        command.add_argument(
            "--timings", type=Path, help="write seconds per stage to this JSON file (the benchmark reads it)"
        )
        if name != "check":
            _publish_options(command)
            command.add_argument(
                "--renderer",
                choices=("mkdocs", "zensical"),
                help="what renders the site (default: extra.reader.renderer in mkdocs.yml, else mkdocs)",
            )
    serve = commands.choices["serve"]
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    bench = commands.add_parser("bench", help="generate N articles, build them, print speed and size figures")
    bench.add_argument("--articles", type=int, default=100, help="size of the generated collection (default 100)")
    bench.add_argument("--keep", action="store_true", help="keep the generated collection and site")
    bench.add_argument(
        "--no-baseline",
        action="store_true",
        help="skip the baseline build (at N = 10,000 its flat navigation makes it quadratic)",
    )
    bench.add_argument(
        "--cold-only", action="store_true", help="build once, cold: skip the rebuilds that measure the caches"
    )
    test = commands.add_parser("test", help="install test dependencies (and Chromium) if needed, then run all tests")
    test.add_argument(
        "pytest_args", nargs="*", help="extra arguments, passed to pytest as given (e.g. -k clean, --update-goldens)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["test"]:
        # Everything after `test` goes to pytest untouched (argparse would take `-k` or `--update-goldens` for its own).
        args = argparse.Namespace(command="test", pytest_args=argv[1:])
    else:
        args = _parser().parse_args(argv)
    bootstrap.ensure_venv(with_tests=args.command in ("test", "bench"))
    if args.command == "bench":
        bootstrap.ensure_chromium()
        from build_tools.dev.bench import run

        return run(args.articles, args.keep, baseline=not args.no_baseline, rebuilds=not args.cold_only)
    if args.command == "test":
        bootstrap.ensure_chromium()
        import pytest

        # Paths given (a file, a folder, file::test) are run alone; otherwise the whole tests/ folder,
        # after the project's own checks (ruff and mypy, configured in pyproject.toml).
        named = [arg for arg in args.pytest_args if not arg.startswith("-") and Path(arg.split("::")[0]).exists()]
        where = [] if named else [str(bootstrap.PROJECT_ROOT / "tests")]
        checks_failed = False if args.pytest_args else _project_checks()
        # The whole suite (no arguments) runs on two workers; a test file keeps to one worker (loadfile), so its
        # module-scoped builds are made once. With arguments, pytest runs as given (add `-n 2` to opt in).
        parallel = [] if args.pytest_args else ["-n", "2", "--dist", "loadfile"]
        status = pytest.main(["-q", *parallel, *where, *args.pytest_args])
        return int(status) or int(checks_failed)

    from build_tools.config.settings import PublishPolicy
    from build_tools.pipeline import BuildSettings, check

    policy = (
        PublishPolicy(allow_shrink=args.allow_shrink, shrink_limit=args.shrink_limit, keep_on_error=args.keep_on_error)
        if args.command != "check"
        else PublishPolicy()
    )
    settings = BuildSettings(
        seeds=args.seeds.resolve(),
        docs=args.docs.resolve(),
        site=args.site.resolve(),
        cache=args.cache.resolve(),
        strict=args.strict,
        publish=policy,
        timings=getattr(args, "timings", None),
        renderer=getattr(args, "renderer", None),
    )
    if args.command == "check":
        diagnostics = check(settings)
        diagnostics.print()
        print(f"checked: {len(diagnostics.errors)} errors, {len(diagnostics.warnings)} warnings", file=sys.stderr)
        return 1 if diagnostics.errors or (args.strict and diagnostics.warnings) else 0
    if args.command == "serve":
        from build_tools.dev.serve import serve

        return serve(settings, args.dev_addr)
    return _build(settings, argv, args.timings)


def _project_checks() -> bool:
    """ruff and mypy over the code, as CI runs them; True when either found a problem (the tests still run)."""
    import subprocess

    failed = False
    for command in (["ruff", "check", "build_tools", "tests"], ["mypy"]):
        print(f"$ {' '.join(command)}", file=sys.stderr, flush=True)
        run = subprocess.run([sys.executable, "-m", *command], cwd=bootstrap.PROJECT_ROOT)
        failed = failed or run.returncode != 0
    return failed


def _build(settings, argv: list[str], timings: Path | None) -> int:
    """One build under the lock; the last line says whether site/ was replaced, the exit status whether all built."""
    from build_tools.pipeline import build
    from build_tools.publish.swap import run_locked

    diagnostics, report = run_locked(settings, "python3 -m build_tools " + " ".join(argv), build)
    diagnostics.print()
    if timings:
        timings.write_text(json.dumps(report.get("timings", {}), indent=2))
    counts = f"({len(diagnostics.errors)} errors, {len(diagnostics.warnings)} warnings)"
    if report.get("unchanged"):
        then = f"{report['warnings']} warnings then, see build-report.json"
        print(f"nothing changed since the last build: {settings.site} is up to date ({then})", file=sys.stderr)
        return 0
    if report.get("published"):
        seeds = report["seeds"]
        pages = sum(len(s["pages"]) for s in seeds.values())
        print(f"built {len(seeds)} seeds into {pages} pages → {settings.site} {counts}", file=sys.stderr)
    else:
        print(
            f"nothing published: {settings.site} and {settings.docs} were left as they were {counts}", file=sys.stderr
        )
    failed = bool(diagnostics.errors) or (settings.strict and bool(diagnostics.warnings))
    return 1 if failed or not report.get("published") else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C: the swap either happened or did not; the next build cleans up
        print("interrupted: site/ and docs/ are whole (the previous or the new ones)", file=sys.stderr)
        sys.exit(130)
