"""``[tool.tf1to2]`` in the nearest ``pyproject.toml``, or a ``tf1to2.toml``.

Looked for from the current directory upwards (``tf1to2.toml`` wins over
``pyproject.toml`` in the same folder; a ``pyproject.toml`` without the table is passed
over). Keys: ``select``, ``ignore``, ``exclude`` (globs, relative to the config's
folder), ``name-map`` (path, relative to it), ``unsafe-fixes`` (true: as
``--unsafe-fixes``). Command-line options override them. An unknown key is an error
naming it.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

KEYS = {"select": list, "ignore": list, "exclude": list, "name-map": str, "unsafe-fixes": bool}


class ConfigError(Exception):
    pass


@dataclass
class Config:
    path: Optional[Path] = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    name_map: Optional[str] = None
    unsafe_fixes: bool = False

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def checked_name_map(self) -> Optional[str]:
        """The configured name map, which must be inside the configuration's folder: a
        repository's configuration must not make a run write elsewhere (an absolute path,
        ``..``, a symlinked file or folder); only the command line may."""
        if not self.name_map:
            return None
        real, home = os.path.realpath(self.name_map), os.path.realpath(self.root)
        if not real.startswith(home.rstrip(os.sep) + os.sep):
            raise ConfigError(f"{self.path}: name-map is {real}, outside {home}, the folder of this configuration; "
                              "name a file there, or give --name-map on the command line")
        return self.name_map

    def excluded(self, path: str) -> bool:
        """Whether ``path`` matches an exclude glob: against its path relative to the
        config's folder, any of its parent folders, or its file name."""
        if not self.exclude:
            return False
        try:
            rel = Path(os.path.abspath(path)).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        parts = rel.split("/")
        candidates = {rel, parts[-1]} | {"/".join(parts[:i]) for i in range(1, len(parts))}
        return any(fnmatch.fnmatch(c, pattern.rstrip("/")) for c in candidates for pattern in self.exclude)


def find(start: Path) -> Optional[Path]:
    start = start.resolve()
    for folder in (start, *start.parents):
        own = folder / "tf1to2.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _table(pyproject) is not None:
            return pyproject
    return None


def _table(path: Path) -> Optional[dict]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: {e}") from e
    if path.name == "tf1to2.toml":
        return data.get("tool", {}).get("tf1to2", data)
    return data.get("tool", {}).get("tf1to2")


def load(path: Optional[Path]) -> Config:
    if path is None:
        return Config()
    table = _table(path) or {}
    config = Config(path=path)
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"{path}: unknown key {key!r} in [tool.tf1to2] (known: {', '.join(KEYS)})")
        kind = KEYS[key]
        if kind is list and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{path}: {key!r} must be a list of strings")
        if kind is str and not isinstance(value, str):
            raise ConfigError(f"{path}: {key!r} must be a string")
        if kind is bool and not isinstance(value, bool):
            raise ConfigError(f"{path}: {key!r} must be true or false")
        setattr(config, key.replace("-", "_"), value)
    if config.name_map:
        config.name_map = str(config.root / config.name_map)
    return config
