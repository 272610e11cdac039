"""``tf1to2``: the command line.

Conventions of ruff / pyupgrade / LibCST codemods: a dry run by default (diff on stdout,
summary on stderr), ``--write`` to apply; exit 0 when nothing would change, 1 when
something would (or did), 2 on errors. Never imports TensorFlow, but in ``checkpoint``
(which reads and writes checkpoints).
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import sys
import warnings
from pathlib import Path
from typing import Optional, Sequence

# Only what parsing the command line needs is imported here: ``--version`` and ``--help``
# must not pay for LibCST and the rules (benchmarks/bench.py times them); each command
# imports what it uses.

EXIT_CLEAN, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2


def _split(values: Optional[list[str]]) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tf1to2",
        description="Migrate TensorFlow 1.x model code to TensorFlow 2, stage by stage.",
        allow_abbrev=False,  # ``--w`` must not mean --write
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True)

    m = sub.add_parser("migrate", help="rewrite files (a dry run unless --write)", allow_abbrev=False)
    m.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, folders or a repository; '-' reads standard input and prints the result")
    m.add_argument("--stdin-filename", metavar="NAME", help="the name to report standard input under")
    m.add_argument("--write", action="store_true",
                   help="apply the changes and name each file rewritten (default: show the diff only)")
    m.add_argument("--diff", action="store_true", help="with --write, show the diff of each file too")
    m.add_argument("--select", action="append", metavar="RULES",
                   help="only these rule ids or stage numbers (comma-separated, repeatable)")
    m.add_argument("--ignore", action="append", metavar="RULES",
                   help="leave out these rule ids or stage numbers")
    m.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="worker processes (default: all cores)")
    m.add_argument("--format", "--output-format", choices=("text", "json", "github"), default="text",
                   help="text: diff on stdout, summary on stderr; json: one report on stdout; github: "
                        "GitHub Actions annotations on stdout (changes and warnings, errors)")
    m.add_argument("--report", metavar="FILE", help="also write the JSON report to FILE")
    m.add_argument("--name-map", metavar="FILE",
                   help="write the old → new variable names of the whole run to FILE (one JSON object)")
    m.add_argument("--exclude", action="append", metavar="GLOB",
                   help="skip files matching GLOB instead of the configured excludes (repeatable)")
    m.add_argument("--extend-exclude", action="append", metavar="GLOB",
                   help="skip files matching GLOB as well as the configured excludes (repeatable)")
    m.add_argument("--force-exclude", action="store_true",
                   help="apply excludes and @generated skipping to files named explicitly too (for hooks)")
    m.add_argument("--config", metavar="FILE", help="read options from FILE instead of the nearest "
                   "pyproject.toml [tool.tf1to2] / tf1to2.toml")
    m.add_argument("--unsafe-fixes", action="store_true",
                   help="also make the fixes that may change what the code does, each warned where it is made "
                        "(a TF1 project's tf2.enabled() tests made False: the TF1 side, which tf1to2 migrates)")
    m.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    m.add_argument("-i", "--interactive", action="store_true",
                   help="offer each change, rule by rule, and write the accepted ones [y,n,a,d,q,?]")

    r = sub.add_parser("rules", help="list the rules, or show one rule's documentation", allow_abbrev=False)
    r.add_argument("rule", nargs="?", metavar="ID")

    c = sub.add_parser("checkpoint", help="inspect a checkpoint, or convert one between TF1 and TF2 form",
                       allow_abbrev=False)
    csub = c.add_subparsers(dest="action", required=True)
    ci = csub.add_parser("inspect", help="names, shapes and dtypes, and whether name- or object-based",
                         allow_abbrev=False)
    ci.add_argument("ckpt", metavar="CKPT", help="a checkpoint prefix (or its folder)")
    ci.add_argument("--format", choices=("text", "json"), default="text")
    cc = csub.add_parser("convert", help="TF1 name-based <-> TF2 object-based (a vars dict, as the checkpoint "
                         "guide's convert_tf1_to_tf2 writes), values bit for bit", allow_abbrev=False)
    cc.add_argument("src", metavar="SRC")
    cc.add_argument("dst", metavar="DST", help="the prefix to write")
    cc.add_argument("--to", choices=("tf1", "tf2", "model"), required=True,
                    help="model: into the migrated model itself (--model), as tf.train.Checkpoint(model=...) writes")
    cc.add_argument("--name-map", metavar="FILE", help="the map 'migrate --name-map' wrote: TF1 names → new names")
    cc.add_argument("--model", metavar="FILE.py:Class", help="with --to model: the migrated model's class")
    cc.add_argument("--init", metavar="JSON", help="with --to model: the class's keyword arguments, as a JSON object")
    cc.add_argument("--input-shape", metavar="D,D,...", action="append", default=[],
                    help="with --to model: the shape of an input to build the model with (once per input); "
                         "float32 zeros, or of another dtype given after a colon (token ids: 2,7:int32)")
    return parser


class _Version(argparse.Action):
    """``--version``, reading the installed metadata only when asked (every other command
    would pay for it at start)."""

    def __call__(self, parser, namespace, values, option_string=None):
        sys.stdout.write(f"tf1to2 {_version()}\n")
        parser.exit()


def _version() -> str:
    """The installed distribution's version (read from its metadata: no import of the
    package's heavy parts)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("tf1to2")
    except PackageNotFoundError:
        return "unknown (not installed)"


def cmd_rules(rule_id: Optional[str], out) -> int:
    if rule_id is None:  # from the catalog: listing the rules does not import them
        from codemod.catalog import RULES
        width = max(len(r) for _, r, _ in RULES)
        for stage, rid, summary in RULES:
            out.write(f"{stage}  {rid:<{width}}  {summary}\n")
        return EXIT_CLEAN
    import rules as rules_pkg
    registry = rules_pkg.by_id()
    cls = registry.get(rule_id) or next((c for c in rules_pkg.REGISTRY if str(c.stage) == rule_id), None)
    if cls is None:
        sys.stderr.write(f"tf1to2: unknown rule {rule_id!r}; known: {', '.join(registry)}\n")
        return EXIT_ERROR
    # RST literals (``x``, one line break inside at most, as a docstring wraps them) as a
    # terminal reader expects them (`x`); code fences (```) stay
    doc = re.sub(r"(?<!`)``(?!`)([^`\n]+(?:\n[^`\n]+)?)(?<!`)``(?!`)", r"`\1`",
                 inspect.getdoc(sys.modules[cls.__module__]) or "")
    out.write(f"{cls.id} (stage {cls.stage}): {cls.summary}\n\n{doc}\n")
    if cls.example_before:
        out.write(f"\n## Example, as this version rewrites it\nbefore:\n{_indent(cls.example_before)}\nafter:\n{_indent(cls.example_after)}\n")
    return EXIT_CLEAN


def _indent(text: str) -> str:
    return "".join("    " + line for line in text.splitlines(keepends=True))


def _load_config(args) -> config_mod.Config:
    from codemod import config as config_mod
    path = Path(args.config) if args.config else config_mod.find(Path.cwd())
    if args.config and not path.is_file():
        raise config_mod.ConfigError(f"{args.config}: no such file")
    return config_mod.load(path)


def cmd_migrate(args, out, err) -> int:
    import rules as rules_pkg
    from codemod import config as config_mod
    from codemod import pipeline, project, report, textio
    from codemod.discover import discover
    try:
        config = _load_config(args)
    except config_mod.ConfigError as e:
        err.write(f"tf1to2: {e}\n")
        return EXIT_ERROR
    # The command line overrides the configuration, option by option.
    select = _split(args.select) if args.select else config.select
    ignore = _split(args.ignore) if args.ignore else config.ignore
    if args.exclude:
        config.exclude = args.exclude
    if args.extend_exclude:
        config.exclude = [*config.exclude, *args.extend_exclude]
    args.unsafe_fixes = args.unsafe_fixes or config.unsafe_fixes
    try:
        name_map_path = args.name_map or config.checked_name_map()
    except config_mod.ConfigError as e:
        err.write(f"tf1to2: {e}\n")
        return EXIT_ERROR
    try:
        chosen = rules_pkg.select(select, ignore)
    except KeyError as e:
        err.write(f"tf1to2: unknown rule or stage {e.args[0]!r}; see 'tf1to2 rules'\n")
        return EXIT_ERROR
    if args.jobs < 1:
        err.write("tf1to2: -j must be at least 1\n")
        return EXIT_ERROR
    if args.paths == ["-"]:
        return _stdin(args, chosen, out, err)
    if "-" in args.paths:
        err.write("tf1to2: '-' (standard input) cannot be combined with paths\n")
        return EXIT_ERROR
    files, discovery_errors, outside = discover(args.paths)
    skipped = [pipeline.FileResult(path, "skipped", reason=why) for path, why in outside]
    files = [(f, explicit) for f, explicit in files
             if not ((args.force_exclude or not explicit) and config.excluded(f))]
    rule_ids = tuple(c.id for c in chosen)
    imports: dict = {}  # what the cross-file scan read of the files groups are made of
    across = _across_files(chosen, args.paths, [f for f, _ in files], args.jobs, imports)
    grouped = project.of_paths([f for f, _ in files], imports) if any(c.cross_module for c in chosen) else {}
    work = [(f, pipeline.Options(rule_ids, explicit=explicit and not args.force_exclude,
                                 module=project.module_name(f) if f in grouped else "",
                                 context=grouped.get(f, ()), unsafe=args.unsafe_fixes, **across(f)))
            for f, explicit in files]
    if args.interactive:
        return _interactive(args, work, rule_ids, discovery_errors, name_map_path, out, err, skipped)
    # A dry run shows the diff; --write names the files it rewrote (as ruff --fix and
    # pyupgrade do: the diff is in version control), and shows the diff too with --diff.
    text_out = args.format == "text" and not args.quiet
    show_diff = text_out and (args.diff or not args.write)
    if args.write:  # what a run killed while writing left behind (a dry run writes nothing)
        _remove_stale_temporaries(work, err, quiet=args.quiet)
    colour = show_diff and report.colour_wanted(out)
    progress = report.Progress(len(work), err) if report.Progress.wanted(err, args.quiet) else None
    results = []
    for result in pipeline.run(work, args.jobs):
        if progress:
            progress.step()
        if result.status == "changed":
            if show_diff:
                if progress:
                    progress.clear()
                out.write(report.coloured(result.diff, colour))
            if args.write:
                try:
                    textio.write_atomic(result.path, result.new_bytes, expected=result.digest)
                except textio.SourceError as e:
                    result.status, result.error = "failed", str(e)
                else:
                    if text_out and not show_diff:
                        if progress:
                            progress.clear()
                        n = len(result.changes)
                        out.write(f"rewrote {result.path} ({n} change{'s' * (n != 1)})\n")
        results.append(result)
    if progress:
        progress.clear()
    if args.format == "text" and not args.quiet and not any(r.changes for r in results):
        _hint_earlier_stages(chosen, err)
    return finish(args, skipped + results, discovery_errors, name_map_path, out, err)


def _remove_stale_temporaries(work, err, quiet: bool) -> None:
    from codemod import textio
    folders = {os.path.dirname(os.path.realpath(path)) for path, _ in work}
    removed = textio.remove_stale_temporaries(sorted(folders))
    if removed and not quiet:
        err.write(f"tf1to2: removed {len(removed)} temporary file{'s' * (len(removed) > 1)} an interrupted run "
                  "left\n")


def _stdin(args, chosen: list, out, err) -> int:
    """``migrate -``: the source on standard input, the migrated source on standard output
    (the input unchanged when nothing applies or it fails), findings on stderr under
    ``--stdin-filename`` (as editors call ruff and pyupgrade). Exit 1 when it changed."""
    from codemod import documents, pipeline, report, textio
    data = sys.stdin.buffer.read()
    name = args.stdin_filename or "-"
    rule_ids = tuple(c.id for c in chosen)
    options = pipeline.Options(rule_ids, unsafe=args.unsafe_fixes)
    if args.stdin_filename and os.path.isdir(os.path.dirname(os.path.abspath(name))):
        # the buffer's project is known: what imports the file on disk counts, as in a run
        options = pipeline.Options(rule_ids, unsafe=args.unsafe_fixes,
                                   **_across_files(chosen, [name], [name], 1)(name))
    try:
        result = pipeline.migrate_document(documents.PythonDocument(name, textio.decode(data)), options)
    except textio.SourceError as e:
        result = pipeline.FileResult(name, "failed", error=str(e), error_line=e.line)
    out.flush()
    sys.stdout.buffer.write(result.new_bytes if result.status == "changed" else data)
    sys.stdout.buffer.flush()
    report.findings([result], err)
    report.errors([result], [], err)
    return {"failed": EXIT_ERROR, "changed": EXIT_CHANGED}.get(result.status, EXIT_CLEAN)


def _across_files(chosen, paths: list, files: list, jobs: int, imports: Optional[dict] = None):
    """file → the ``Options`` fields saying what the run's (and the project's) other files
    know of it (``project.cross_file``), for the rules that read them; ``imports`` gets
    what the scan read of the modules files import (``project.groups``)."""
    from codemod import project
    from codemod.discover import bystanders
    readers = [c for c in chosen if c.reads_importers]
    if not readers:
        return lambda f: {}
    imported, reached, known = project.cross_file(
        files, {c.id: c.run_use for c in readers if c.run_needles}, tuple(n for c in readers for n in c.run_needles),
        jobs=jobs, bystanders=bystanders(paths, files), downward=frozenset(c.id for c in readers if c.run_reach_imports),
        imports=imports)
    return lambda f: {"imported": imported.get(f, ()), **known.get(f, {}), "run_uses": tuple(
        (rule_id, project.nearest(f, uses)) for rule_id, uses in reached.get(f, {}).items())}


def _hint_earlier_stages(chosen, err) -> None:
    """Nothing changed with only rules selected that read what earlier stages write
    (``Rule.works_on``): on TF1 code they find nothing; say so rather than a bare "0"."""
    import rules as rules_pkg
    needing = [c for c in chosen if c.works_on]
    if not needing or len(needing) < len(chosen):
        return
    earlier = [c.id for c in rules_pkg.REGISTRY
               if c.stage < min(n.stage for n in needing) and c not in chosen and c.stage > 0]
    for c in needing:
        err.write(f"note: {c.id} works on {c.works_on}; on TF1 code select the earlier stages too "
                  f"({', '.join(earlier)}), or run without --select\n")


def _interactive(args, work, rule_ids, discovery_errors, name_map_path, out, err, skipped=()) -> int:
    from codemod import interactive, pipeline
    if not sys.stdin.isatty():
        err.write("tf1to2: --interactive needs a terminal on standard input\n")
        return EXIT_ERROR
    args.write = True  # what is accepted is written
    _remove_stale_temporaries(work, err, quiet=args.quiet)
    # Find the files with something to offer in parallel, then ask in order.
    pending, results = [], []
    for result in pipeline.run(work, args.jobs):
        (pending if result.status == "changed" else results).append(result)
    options = dict(work)
    asked = interactive.run([(r.path, options[r.path]) for r in pending], rule_ids, out)
    return finish(args, [*skipped, *results, *asked], discovery_errors, name_map_path, out, err)


def finish(args, results, discovery_errors, name_map_path, out, err) -> int:
    """Reports, name map and exit status of a run."""
    from codemod import report
    failed_output = False
    if args.format == "json" or args.report:
        text = report.json_report(results, discovery_errors, args.write) + "\n"
        if args.format == "json":
            out.write(text)
        if args.report:
            failed_output |= not _write_output(args.report, text, "report", err)
    if args.format == "github":
        report.github(results, discovery_errors, args.write, out)
    elif args.quiet:
        report.errors(results, discovery_errors, err)
    elif args.format == "text":
        report.summary(results, discovery_errors, args.write, err)
    if name_map_path and args.write:
        # merged into what earlier runs recorded: a later run that renames nothing (the
        # code is migrated already) must not lose the map load_tf1_checkpoint needs
        merged = {}
        try:
            existing = json.loads(Path(name_map_path).read_text(encoding="utf-8"))
            merged = existing if isinstance(existing, dict) else {}
        except (OSError, ValueError):
            pass
        for r in results:
            merged.update(r.name_map)
        failed_output |= not _write_output(name_map_path, json.dumps(merged, indent=2, sort_keys=True) + "\n",
                                           "name map", err)
    if failed_output or discovery_errors or any(r.status == "failed" for r in results):
        return EXIT_ERROR
    return EXIT_CHANGED if any(r.status == "changed" for r in results) else EXIT_CLEAN


def _write_output(path: str, text: str, what: str, err) -> bool:
    """Write a report or name map whole (a temporary file replaced at once), creating its
    folder; a failure is one line on stderr, and False."""
    from codemod import textio
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        textio.write_atomic(path, text.encode("utf-8"), create=True)
    except (OSError, textio.SourceError) as e:
        err.write(f"error: {path}: cannot write the {what}: {getattr(e, 'strerror', None) or e}\n")
        return False
    return True


def cmd_checkpoint(args, out, err) -> int:
    """``tf1to2 checkpoint inspect|convert`` (``tf1to2.checkpoints``, which imports
    TensorFlow: the name map is read and checked first): 0, or 2 with one line saying
    what is wrong (nothing written)."""
    try:
        name_map = _read_name_map(getattr(args, "name_map", None))
    except ValueError as e:
        err.write(f"error: {e}\n")
        return EXIT_ERROR
    from tf1to2 import checkpoints as checkpoint
    try:
        if args.action == "inspect":
            found = checkpoint.inspect(args.ckpt)
            if args.format == "json":
                out.write(json.dumps(found, indent=1) + "\n")
                return EXIT_CLEAN
            out.write(f"{found['path']}: {found['form']}, {len(found['variables'])} variables\n")
            for v in found["variables"]:
                saved = f"  ({v['variable']})" if "variable" in v else ""
                out.write(f"{v['name']}  {v['dtype']}{v['shape']}{saved}\n")
            return EXIT_CLEAN
        if args.to == "model":
            model_args = _model_arguments(args)
            loaded = checkpoint.to_model(args.src, args.dst, args.model, name_map, *model_args)
            err.write(f"tf1to2: wrote {args.dst} (model {args.model}): {len(loaded)} TF1 variables loaded; read it "
                      "with tf.train.Checkpoint(model=model).read(...)\n")
            return EXIT_CLEAN
        if args.model or args.init or args.input_shape:
            raise checkpoint.CheckpointError("--model, --init and --input-shape go with --to model")
        convert = checkpoint.to_tf2 if args.to == "tf2" else checkpoint.to_tf1
        pairs = convert(args.src, args.dst, name_map)
        renamed = sum(1 for a, b in pairs if a != b)
        err.write(f"tf1to2: wrote {args.dst} ({args.to}): {len(pairs)} variables, {renamed} renamed\n")
        return EXIT_CLEAN
    except checkpoint.CheckpointError as e:
        err.write(f"error: {e}\n")
        return EXIT_ERROR


def _model_arguments(args) -> tuple:
    """(init, input shapes) for ``convert --to model``; CheckpointError saying what is wrong."""
    from tf1to2.checkpoints import CheckpointError
    if not args.model:
        raise CheckpointError("--to model needs --model FILE.py:Class (the migrated model to load the checkpoint into)")
    try:
        init = json.loads(args.init) if args.init else {}
    except ValueError as e:
        raise CheckpointError(f"--init: not JSON ({e})") from None
    if not isinstance(init, dict):
        raise CheckpointError("--init: a JSON object of the class's keyword arguments")
    shapes = []
    for spec in args.input_shape:
        dims, _, dtype = spec.partition(":")
        try:
            shape = tuple(int(d) for d in dims.split(","))
        except ValueError:
            raise CheckpointError(f"--input-shape: dimensions separated by commas, such as 3,5, and a dtype after a "
                                  f"colon if not float32, such as 2,7:int32 (got {spec})") from None
        shapes.append((shape, dtype or "float32"))  # (the shim's to_model checks the dtype's name)
    return init, tuple(shapes)


def _read_name_map(path: Optional[str]) -> Optional[dict]:
    """The JSON object ``migrate --name-map`` wrote; ValueError saying what is wrong."""
    if path is None:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ValueError(f"{path}: cannot read the name map ({e})") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ValueError(f"{path}: a name map is one JSON object of names to names (as migrate --name-map writes)")
    return data


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse: 2 on a bad option, 0 on --help
        return int(e.code or 0)
    out, err = sys.stdout, sys.stderr
    # Python's own warnings about the code read (``"is" with a literal``, invalid escape
    # sequences), which parsing it prints to stderr once per file: not tf1to2's to say
    # (the workers, forked later, inherit this)
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    warnings.filterwarnings("ignore", message="invalid escape sequence", category=DeprecationWarning)
    try:
        if args.command == "rules":
            return cmd_rules(args.rule, out)
        if args.command == "checkpoint":
            return cmd_checkpoint(args, out, err)
        return cmd_migrate(args, out, err)
    except BrokenPipeError:  # `tf1to2 migrate . | head`
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.write("tf1to2: interrupted; files already written stay written, no file is half-written\n")
        return 130
    except Exception as e:  # noqa: BLE001 - whatever it is, exit 2 ("error"), never 1 ("changes")
        err.write(f"tf1to2: internal error: {type(e).__name__}: {e}; files already written stay written, "
                  "no file is half-written\n")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
