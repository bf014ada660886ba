"""Nothing changed means nothing to do: a manifest of every input's hash and of the published trees' hashes.

The manifest is written to the cache after a build has published; the next build compares the inputs it would
read (seeds and editor files, data files, mkdocs.yml, overrides/, the tool's own code and installed renderer,
the settings) and the docs/ and site/ it would replace.  When all match, the build has nothing to do and says so.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from build_tools.config.settings import BuildSettings
from build_tools.core.files import TOOL_PACKAGE, code_digest, tree_digest

MANIFEST_NAME = "last-build.json"


@dataclass(frozen=True)
class Manifest:
    """What the last published build read and what it left in docs/ and site/."""

    inputs: str
    outputs: str
    warnings: int


def versions() -> str:
    found = []
    for name in ("mkdocs", "mkdocs-material", "jieba", "opencc"):
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return " ".join(found)


def input_digest(settings: BuildSettings) -> str:
    """A hash of everything a build reads; the timings path (where figures go) is not an input."""
    digest = hashlib.sha256()
    described = {
        "seeds": str(settings.seeds),
        "docs": str(settings.docs),
        "site": str(settings.site),
        "strict": settings.strict,
        "publish": repr(settings.publish),
        "versions": versions(),
    }
    digest.update(json.dumps(described, sort_keys=True).encode())
    for part in (
        settings.seeds,
        settings.glossary,
        settings.overrides,
        settings.names,
        settings.context_rules,
        settings.config,
    ):
        tree_digest(part, digest)
    tree_digest(settings.config.parent / "overrides", digest)
    digest.update(code_digest(TOOL_PACKAGE).encode())
    return digest.hexdigest()


def output_digest(settings: BuildSettings) -> str:
    """A hash of what is published now: docs/ and site/ as they are on disk."""
    digest = hashlib.sha256()
    tree_digest(settings.docs, digest)
    tree_digest(settings.site, digest)
    return digest.hexdigest()


def manifest_path(settings: BuildSettings) -> Path:
    return settings.cache / MANIFEST_NAME


def read_manifest(settings: BuildSettings) -> Manifest | None:
    try:
        given = json.loads(manifest_path(settings).read_text(encoding="utf-8"))
        return Manifest(str(given["inputs"]), str(given["outputs"]), int(given["warnings"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no manifest, or one we cannot read: build as usual


def unchanged_since_last_build(settings: BuildSettings) -> Manifest | None:
    """The last build's manifest when no input changed and docs/ and site/ are still what it published."""
    last = read_manifest(settings)
    if last is None or last.inputs != input_digest(settings) or last.outputs != output_digest(settings):
        return None
    return last


def record_build(settings: BuildSettings, warnings: int) -> None:
    """After a publish: remember the inputs and what now sits in docs/ and site/."""
    manifest = {"inputs": input_digest(settings), "outputs": output_digest(settings), "warnings": warnings}
    path = manifest_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)


def forget_build(settings: BuildSettings) -> None:
    """A build that did not publish leaves no manifest to trust."""
    manifest_path(settings).unlink(missing_ok=True)
