"""`serve`: the built site — both editions — over HTTP on loopback, rebuilt whenever an input changes.

Why not `mkdocs serve`: it renders one docs folder, so it could show one edition only (`/zh-Hant/` was
a 404), and it rebuilds through MkDocs alone, not through our stages (seeds, editor files, glossary,
overrides).  Serving the published `site/` folder shows exactly what a reader gets, both editions, and
every rebuild goes through `python3 -m build_tools build --keep-on-error` in a subprocess: the same lock,
the same swap, and a build with an error leaves `site/` as it was, so the last good site stays on screen
while the server keeps answering.  A failure's messages are printed once; the same failure again is
only mentioned.

Changes are found by comparing modification times and sizes twice a second: a rebuild takes seconds
anyway, a few hundred `stat` calls cost nothing, and polling works on every file system (bind mounts,
network folders) where change notification may not.  Pages get a small script that asks the server for
the site's version (the inode of `site/`, which every swap changes) and reloads when it changes.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from build_tools.pipeline import BuildSettings

VERSION_PATH = "/__build_tools_version__"
POLL_SECONDS = 0.5
RELOAD_SCRIPT = (
    "<script>(function(){var seen=null;setInterval(function(){fetch('" + VERSION_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(v){if(seen===null){seen=v}else if(v!==seen)"
    "{location.reload()}}).catch(function(){})},1000)})();</script>"
)
SHOWN_PREFIXES = ("error:", "warning:", "note:", "waiting:", "built ", "nothing published:")


def site_version(site: Path) -> str:
    try:
        return str(site.stat().st_ino)
    except FileNotFoundError:
        return "none"


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Static files of site/, pages with the reload script appended, and the site's version."""

    def do_GET(self) -> None:
        if self.path == VERSION_PATH:
            self._send(site_version(Path(self.directory)).encode(), "text/plain")
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir() and self.path.split("?")[0].endswith("/"):
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            self._send(target.read_bytes() + RELOAD_SCRIPT.encode(), "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # requests are not news; build messages are
        pass


@dataclass
class Rebuilder:
    """Runs the build command and prints what it said, each distinct failure once."""

    command: list[str]
    last_failure: str = ""
    ok: bool = False

    def run(self) -> bool:
        result = subprocess.run(self.command, capture_output=True, text=True)
        lines = [line for line in result.stderr.splitlines() if line.startswith(SHOWN_PREFIXES)]
        self.ok = result.returncode == 0
        if self.ok:
            self.last_failure = ""
            self._print(lines[-1:] or ["rebuilt"])
        elif "\n".join(lines) == self.last_failure:
            self._print(["rebuild failed again with the same errors; still serving the last good site"])
        else:
            self.last_failure = "\n".join(lines)
            self._print(lines + ["still serving the last good site; fix the errors above and save again"])
        return self.ok

    def _print(self, lines: list[str]) -> None:
        for line in lines:
            print(line, file=sys.stderr, flush=True)


def build_command(settings: BuildSettings) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "build_tools",
        "build",
        "--keep-on-error",
        "--seeds",
        str(settings.seeds),
        "--docs",
        str(settings.docs),
        "--site",
        str(settings.site),
        "--cache",
        str(settings.cache),
        "--shrink-limit",
        str(settings.publish.shrink_limit),
    ]
    return command + ["--strict"] * settings.strict + ["--allow-shrink"] * settings.publish.allow_shrink


def watched_inputs(settings: BuildSettings) -> list[Path]:
    """Seeds and editor files, the glossary, the conversion overrides, mkdocs.yml and the theme overrides."""
    return [
        settings.seeds,
        settings.glossary,
        settings.overrides,
        settings.context_rules,
        settings.config,
        settings.config.parent / "overrides",
    ]


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    state = {}
    for path in paths:
        for item in [path, *(path.rglob("*") if path.is_dir() else [])]:
            try:
                status = item.stat()
            except FileNotFoundError:
                continue
            state[str(item)] = (status.st_mtime_ns, status.st_size)
    return state


def serve(settings: BuildSettings, dev_addr: str) -> int:
    """Build, serve, rebuild on every change; exit status 1 when the last build failed."""
    host, _, port = dev_addr.rpartition(":")
    rebuilder = Rebuilder(build_command(settings))
    inputs = watched_inputs(settings)
    seen = snapshot(inputs)
    rebuilder.run()
    if not (settings.site / "index.html").is_file():
        print(
            f"error: {settings.site}: there is no site to serve — fix the errors above, then run serve again",
            file=sys.stderr,
        )
        return 1
    handler = partial(PreviewHandler, directory=str(settings.site))
    try:
        server = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler)
    except (OSError, ValueError) as error:
        print(
            f"error: {dev_addr}: cannot serve there ({getattr(error, 'strerror', None) or error}) — "
            "choose another address with --dev-addr HOST:PORT",
            file=sys.stderr,
        )
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    bound_host, bound_port = server.server_address[:2]
    assert isinstance(bound_host, str)  # an IPv4 or IPv6 server: its address is a host name
    address = f"http://{bound_host}:{bound_port}/"
    print(
        f"serving {settings.site} at {address} (简体) and {address}zh-Hant/ (繁體); rebuilding when seeds, "
        "editor files, the glossary, the overrides or mkdocs.yml change — Ctrl-C to stop",
        file=sys.stderr,
        flush=True,
    )
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot(inputs)
            if now != seen:
                seen = now
                rebuilder.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0 if rebuilder.ok else 1
