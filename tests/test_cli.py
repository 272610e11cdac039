"""The command line as users run it: a real subprocess per call, real files on disk."""
from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import rules


ROOT = Path(__file__).resolve().parent.parent

TF1 = (
    "import tensorflow as tf\n"
    "\n"
    "opt = tf.train.AdamOptimizer(0.01, beta1=0.5)\n"
)
# The same in tf.compat.v1 spelling: only the optimizers rule has something to do.
TF1_V1 = TF1.replace("tf.train.", "tf.compat.v1.train.")
TF2 = (
    "import tensorflow as tf\n"
    "\n"
    "opt = tf.keras.optimizers.Adam(learning_rate=0.01, beta_1=0.5, epsilon=1e-08)\n"
)


def tf1to2(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "codemod.cli", *args],
        capture_output=True, text=True, cwd=cwd or ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_dry_run_shows_diff_changes_nothing_and_exits_1(tmp_path):
    f = tmp_path / "model.py"
    f.write_text(TF1)
    before = f.read_bytes()
    mtime = f.stat().st_mtime_ns
    r = tf1to2("migrate", str(f), "-j", "1")
    assert r.returncode == 1, r.stderr
    assert "-opt = tf.train.AdamOptimizer(0.01, beta1=0.5)" in r.stdout
    assert "+opt = tf.keras.optimizers.Adam(learning_rate=0.01, beta_1=0.5, epsilon=1e-08)" in r.stdout
    assert "1 file scanned, 1 would change, 0 failed" in r.stderr
    assert f.read_bytes() == before and f.stat().st_mtime_ns == mtime


def test_unsafe_fixes_are_made_only_when_asked_and_said_where(tmp_path):
    """A fix that may change what the code does (a TF1 project's ``tf2.enabled()`` test, true
    under TF2, made False: the TF1 side tf1to2 migrates) is only warned of, unless
    ``--unsafe-fixes`` asks for it (as ruff's): then it is made and still warned, on the
    command line and on standard input alike."""
    source = ("from tensorflow.python import tf2\n\n\ndef pick(tf):\n"
              "    return tf.keras.layers if tf2.enabled() else tf.compat.v1.layers\n")
    f = tmp_path / "pick.py"
    f.write_text(source)
    safe = tf1to2("migrate", str(f), "-j", "1", "--format", "json")
    assert safe.returncode == 0, safe.stderr
    (result,) = json.loads(safe.stdout)["files"]
    assert result["status"] == "unchanged" and [w["line"] for w in result["warnings"]] == [5]
    assert "(--unsafe-fixes does)" in result["warnings"][0]["message"]
    unsafe = tf1to2("migrate", str(f), "-j", "1", "--unsafe-fixes", "--write")
    assert unsafe.returncode == 1, unsafe.stderr
    assert f.read_text() == source.replace("tf2.enabled()", "False")
    assert "--unsafe-fixes made it False here" in unsafe.stderr
    piped = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "-", "--unsafe-fixes"], input=source,
                           capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert piped.returncode == 1 and piped.stdout == source.replace("tf2.enabled()", "False"), piped.stderr


def test_write_then_second_run_is_clean(tmp_path):
    f = tmp_path / "model.py"
    f.write_text(TF1)
    r = tf1to2("migrate", "--write", str(f))
    assert r.returncode == 1
    assert f.read_text() == TF2
    assert r.stdout.startswith(f"rewrote {f} (") and "---" not in r.stdout  # the file named, no diff
    again = tf1to2("migrate", str(f))
    assert again.returncode == 0 and again.stdout == ""


def test_write_with_diff_shows_the_diff_too(tmp_path):
    f = tmp_path / "model.py"
    f.write_text(TF1)
    dry = tf1to2("migrate", str(f))
    r = tf1to2("migrate", "--write", "--diff", str(f))
    assert r.returncode == 1 and f.read_text() == TF2
    assert r.stdout == dry.stdout and r.stdout.startswith("---")


def test_unchanged_files_are_not_touched(tmp_path):
    f = tmp_path / "clean.py"
    f.write_text(TF2)
    os.utime(f, ns=(1, 1))
    r = tf1to2("migrate", "--write", str(tmp_path))
    assert r.returncode == 0
    assert f.stat().st_mtime_ns == 1


def test_syntax_error_is_reported_with_line_and_never_written(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import tensorflow as tf\n\ndef f(:\n    opt = tf.train.AdamOptimizer()\n")
    good = tmp_path / "good.py"
    good.write_text(TF1)
    before = bad.read_bytes()
    r = tf1to2("migrate", "--write", str(tmp_path))
    assert r.returncode == 2
    assert f"{bad}:3: does not parse" in r.stderr
    assert bad.read_bytes() == before
    assert good.read_text() == TF2, "one bad file must not stop the run"


def test_crlf_bom_and_latin1_survive(tmp_path):
    crlf = tmp_path / "crlf.py"
    crlf.write_bytes(TF1.replace("\n", "\r\n").encode())
    bom = tmp_path / "bom.py"
    bom.write_bytes(b"\xef\xbb\xbf" + TF1.encode())
    latin = tmp_path / "latin.py"
    latin.write_bytes(("# -*- coding: latin-1 -*-\n# caf\xe9\n" + TF1).encode("latin-1"))
    assert tf1to2("migrate", "--write", str(tmp_path)).returncode == 1
    assert crlf.read_bytes() == TF2.replace("\n", "\r\n").encode()
    assert bom.read_bytes() == b"\xef\xbb\xbf" + TF2.encode()
    assert latin.read_bytes() == ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + TF2).encode("latin-1")


def test_undecodable_file_is_an_error_naming_the_line(tmp_path):
    f = tmp_path / "broken.py"
    data = (TF1 + "# \xff\xfe\n").encode("latin-1")
    f.write_bytes(data)
    r = tf1to2("migrate", "--write", str(f))
    assert r.returncode == 2
    assert f"{f}:4: not valid utf-8" in r.stderr
    assert f.read_bytes() == data


def test_read_only_file_is_refused_untouched(tmp_path):
    f = tmp_path / "ro.py"
    f.write_text(TF1)
    f.chmod(0o444)
    r = tf1to2("migrate", "--write", str(f))
    assert r.returncode == 2 and f"error: {f}: file is read-only; not written" in r.stderr
    assert f.read_text() == TF1
    assert [p.name for p in tmp_path.iterdir()] == ["ro.py"], "no temp file left behind"


def test_mode_is_kept(tmp_path):
    f = tmp_path / "exe.py"
    f.write_text(TF1)
    f.chmod(0o751)
    tf1to2("migrate", "--write", str(f))
    assert stat.S_IMODE(f.stat().st_mode) == 0o751 and f.read_text() == TF2


def test_setuid_setgid_bits_are_kept(tmp_path):
    """chown after chmod clears setuid/setgid (on Linux for root too): the mode is set last."""
    f = tmp_path / "model.py"
    f.write_text(TF1)
    f.chmod(0o6755)
    r = tf1to2("migrate", "--write", str(f))
    assert r.returncode == 1, r.stderr
    assert f.read_text() == TF2
    assert stat.S_IMODE(f.stat().st_mode) == 0o6755


def test_extended_attributes_are_kept(tmp_path):
    """On a file system with user attributes, one set on the file survives --write; on one
    without them, --write still writes (there is nothing to keep)."""
    f = tmp_path / "model.py"
    f.write_text(TF1)
    try:
        os.setxattr(f, "user.origin", b"kept")
        has_attributes = True
    except (OSError, AttributeError):  # a file system (or system) without user attributes
        has_attributes = False
    r = tf1to2("migrate", "--write", str(f))
    assert r.returncode == 1, r.stderr
    assert f.read_text() == TF2
    if has_attributes:
        assert os.getxattr(f, "user.origin") == b"kept"


def test_extended_attributes_are_copied_to_the_new_file(tmp_path, monkeypatch):
    """The copy itself, wherever the tests run: every attribute the old file lists is set
    on the file that replaces it, and one the system refuses is left, not fatal."""
    from codemod import textio

    f = tmp_path / "model.py"
    f.write_bytes(b"old\n")
    attributes = {"user.origin": b"kept", "security.selinux": b"label"}
    set_on: dict = {}

    def setxattr(path, name, value):
        if name == "security.selinux":
            raise PermissionError("not allowed")
        set_on[(os.path.basename(path), name)] = value

    monkeypatch.setattr(os, "listxattr", lambda path: list(attributes), raising=False)
    monkeypatch.setattr(os, "getxattr", lambda path, name: attributes[name], raising=False)
    monkeypatch.setattr(os, "setxattr", setxattr, raising=False)
    textio.write_atomic(str(f), b"new\n")
    assert f.read_bytes() == b"new\n"
    assert [name for (_, name) in set_on] == ["user.origin"] and list(set_on.values()) == [b"kept"]


def test_a_file_changed_after_it_was_read_is_not_written(tmp_path):
    """Another run or an editor changes the file between this run's read and its write:
    the write is refused, with the path, and the other change is kept (exit 2)."""
    f = tmp_path / "model.py"
    f.write_text(TF1)
    edited = TF1 + "# edited meanwhile\n"
    code = ("import sys\nfrom pathlib import Path\nimport codemod.cli, codemod.pipeline as p\n"
            "original = p.migrate_file\n"
            "def racing(path, options):\n"
            "    result = original(path, options)\n"
            f"    Path(path).write_text({edited!r})\n"
            "    return result\n"
            "p.migrate_file = racing\n"
            "sys.exit(codemod.cli.main(['migrate', '--write', '-j', '1', sys.argv[1]]))\n")
    r = subprocess.run([sys.executable, "-c", code, str(f)], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 2, r.stderr
    assert f.read_text() == edited
    assert f"error: {f}: changed on disk since it was read" in r.stderr
    assert not list(tmp_path.glob(".tf1to2-*"))


def test_symlink_named_explicitly_is_written_through_and_stays_a_link(tmp_path):
    target = tmp_path / "real.py"
    target.write_text(TF1)
    link = tmp_path / "sub" / "link.py"
    link.parent.mkdir()
    link.symlink_to(target)
    r = tf1to2("migrate", "--write", str(link))
    assert r.returncode == 1
    assert link.is_symlink() and target.read_text() == TF2


def test_symlinks_inside_a_walk_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "model.py").write_text(TF1)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "linked").symlink_to(outside)
    (tree / "linked_file.py").symlink_to(outside / "model.py")
    r = tf1to2("migrate", str(tree))
    assert r.returncode == 0 and "0 files scanned" in r.stderr


def test_discovery_skips_venvs_build_hidden_and_git_ignored(tmp_path):
    repo = tmp_path / "repo"
    for rel in ("src/model.py", ".hidden/x.py", "build/x.py", "venv/lib/x.py",
                "env2/lib/x.py", "lib/site-packages/x.py", "ignored/x.py", "untracked.py"):
        p = repo / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(TF1)
    (repo / "env2" / "pyvenv.cfg").write_text("home = /usr\n")
    (repo / ".gitignore").write_text("ignored/\n")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "src", ".gitignore"], check=True)
    r = tf1to2("migrate", "--format", "json", str(repo))
    paths = sorted(os.path.relpath(f["path"], repo) for f in json.loads(r.stdout)["files"])
    assert paths == ["src/model.py", "untracked.py"]
    # ... but a file named explicitly is always processed.
    r = tf1to2("migrate", str(repo / "ignored" / "x.py"))
    assert r.returncode == 1


def _git_repo(repo: Path) -> None:
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
                   check=True)


def test_a_tracked_folder_replaced_by_a_symlink_out_of_the_tree_is_not_followed(tmp_path):
    """git's index still lists pkg/model.py after pkg became a link to a folder outside the
    repository: that file is skipped, named, and never written."""
    repo, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    (repo / "pkg").mkdir(parents=True)
    (repo / "pkg" / "model.py").write_text(TF1)
    (repo / "main.py").write_text(TF1)
    _git_repo(repo)
    elsewhere.mkdir()
    (elsewhere / "model.py").write_text(TF1)
    for f in (repo / "pkg").iterdir():
        f.unlink()
    (repo / "pkg").rmdir()
    (repo / "pkg").symlink_to(elsewhere, target_is_directory=True)
    r = tf1to2("migrate", "--write", str(repo))
    assert r.returncode == 1, r.stderr
    assert (repo / "main.py").read_text() == TF2
    assert (elsewhere / "model.py").read_text() == TF1
    assert "skipped: " in r.stderr and "pkg/model.py: its real path leaves" in r.stderr
    report = json.loads(tf1to2("migrate", "--format", "json", str(repo)).stdout)
    assert [f["status"] for f in report["files"] if f["path"].endswith("pkg/model.py")] == ["skipped"]


def test_files_in_a_nested_repository_are_migrated(tmp_path):
    """A repository inside the one named (a vendored checkout, a submodule): git lists it
    as a folder, not its files; they are found with its own git's view."""
    outer = tmp_path / "outer"
    (outer / "inner").mkdir(parents=True)
    (outer / "model.py").write_text(TF1)
    (outer / "inner" / "net.py").write_text(TF1)
    (outer / "inner" / ".gitignore").write_text("ignored.py\n")
    (outer / "inner" / "ignored.py").write_text(TF1)
    _git_repo(outer / "inner")
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    r = tf1to2("migrate", "--format", "json", str(outer))
    paths = sorted(os.path.relpath(f["path"], outer) for f in json.loads(r.stdout)["files"])
    assert paths == ["inner/net.py", "model.py"]


def test_files_without_tensorflow_are_not_parsed(tmp_path):
    f = tmp_path / "plain.py"
    f.write_text("def f(:\n")  # would not parse, but it is never parsed
    r = tf1to2("migrate", "--format", "json", str(f))
    report = json.loads(r.stdout)
    assert r.returncode == 0 and report["files"][0]["status"] == "skipped"


def test_json_report(tmp_path):
    (tmp_path / "a.py").write_text(TF1)
    (tmp_path / "b.py").write_text("import tensorflow as tf\nopt = tf.train.RMSPropOptimizer(0.1)\n")
    r = tf1to2("migrate", "--format", "json", str(tmp_path))
    report = json.loads(r.stdout)
    assert r.returncode == 1
    assert report["version"] == 1 and report["written"] is False
    # each file: tf-api's tf.train → tf.compat.v1.train, then the optimizers rule's rewrite
    assert report["summary"] == {"scanned": 2, "changed": 2, "failed": 0, "skipped": 0,
                                 "changes": 4, "warnings": 1}
    b = next(f for f in report["files"] if f["path"].endswith("b.py"))
    assert b["warnings"][0]["line"] == 2 and b["warnings"][0]["rule"] == "optimizers"
    assert b["diff"].startswith("---")


def test_bad_options_and_unknown_rules_exit_2(tmp_path):
    assert tf1to2("migrate", "--no-such-flag", str(tmp_path)).returncode == 2
    r = tf1to2("migrate", "--select", "nope", str(tmp_path))
    assert r.returncode == 2 and "unknown rule or stage 'nope'" in r.stderr
    r = tf1to2("migrate", str(tmp_path / "missing.py"))
    assert r.returncode == 2 and "no such file or folder" in r.stderr


def test_select_and_ignore_by_id_and_stage(tmp_path):
    f = tmp_path / "m.py"
    f.write_text(TF1_V1)
    assert tf1to2("migrate", "--select", "6", str(f)).returncode == 1
    assert tf1to2("migrate", "--select", "optimizers", str(f)).returncode == 1
    assert tf1to2("migrate", "--ignore", "optimizers", str(f)).returncode == 0
    assert tf1to2("migrate", "--ignore", "6", str(f)).returncode == 0


def test_rules_listing_and_docs():
    r = tf1to2("rules")
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [[str(c.stage), c.id] for c in rules.REGISTRY]
    assert [line.split(None, 2)[2] for line in lines] == [c.summary for c in rules.REGISTRY]
    assert [int(line.split()[0]) for line in lines] == sorted(int(line.split()[0]) for line in lines)
    r = tf1to2("rules", "optimizers")
    assert r.returncode == 0
    assert "## Fix safety" in r.stdout and "tf.keras.optimizers.Adam(learning_rate=1e-4" in r.stdout
    assert tf1to2("rules", "nope").returncode == 2


def test_rule_examples_are_what_the_rule_does():
    from codemod.pipeline import transform_text
    from rules import REGISTRY

    for cls in REGISTRY:
        out, _, _ = transform_text(cls.example_before, [cls.id])
        assert out == cls.example_after, cls.id


def test_a_crashing_rule_fails_that_file_only(tmp_path, monkeypatch):
    from codemod import pipeline
    from rules.optimizers import Optimizers

    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text(TF1)
    b.write_text(TF1.replace("0.01", "0.02"))

    def boom(self, ctx):
        if "0.02" in ctx.module.code:
            raise ValueError("boom")
        return original(self, ctx)

    original = Optimizers.transform
    monkeypatch.setattr(Optimizers, "transform", boom)
    opts = pipeline.Options(("optimizers",))
    results = {r.path: r for r in pipeline.run([(str(a), opts), (str(b), opts)], jobs=1)}
    assert results[str(a)].status == "changed"
    assert results[str(b)].status == "failed" and "optimizers crashed: ValueError: boom" in results[str(b)].error


def test_parallel_run_matches_serial(tmp_path):
    for i in range(12):
        (tmp_path / f"m{i}.py").write_text(TF1.replace("0.01", f"0.0{i}"))
    serial = tf1to2("migrate", "-j", "1", str(tmp_path))
    parallel = tf1to2("migrate", "-j", "2", str(tmp_path))
    assert serial.stdout == parallel.stdout and serial.returncode == parallel.returncode == 1


def test_the_rule_catalog_is_the_registrys():
    """``tf1to2 rules`` lists the rules from ``codemod/catalog.py`` without importing them;
    the catalog is a copy of the registry (``python -m codemod.catalog`` writes it)."""
    from codemod import catalog

    assert catalog.RULES == tuple((c.stage, c.id, c.summary) for c in rules.REGISTRY), \
        "codemod/catalog.py is stale: run python -m codemod.catalog"
    assert catalog.source() == (ROOT / "codemod" / "catalog.py").read_text(encoding="utf-8")
    code = "import sys, codemod.cli\ncodemod.cli.main(['rules'])\nassert 'libcst' not in sys.modules and 'rules' not in sys.modules\n"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0 and r.stdout.startswith("0  tf-api"), r.stderr


def test_command_line_never_imports_tensorflow(tmp_path):
    (tmp_path / "m.py").write_text(TF1)
    code = (
        "import sys, codemod.cli\n"
        "codemod.cli.main(['migrate', '-j', '1', sys.argv[1]])\n"
        "codemod.cli.main(['rules', 'optimizers'])\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras', 'tf_keras', 'tf_slim')]\n"
        "assert not bad, bad\n"
    )
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path / "m.py")], capture_output=True,
                       text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr


MODEL = (
    "import tensorflow.compat.v1 as tf\n"
    "\n"
    "\n"
    "def classifier(images, num_classes=10):\n"
    "    with tf.variable_scope('classifier'):\n"
    "        return tf.layers.dense(images, num_classes)\n"
)


def _report_files(*args) -> dict:
    """``tf1to2 migrate --format json ARGS``: file name → its entry in the report."""
    r = tf1to2("migrate", "--format", "json", *map(str, args))
    return {Path(f["path"]).name: f for f in json.loads(r.stdout)["files"]}


def test_a_model_function_other_files_import_stays_beside_its_layer(tmp_path):
    """Stage 3 would rename classifier() to class Classifier: an importer in the run (by
    name or through the module) or the module's __all__ would lose it. So the function
    stays as it was, the layer is added after it and calls it, and a warning says so."""
    (tmp_path / "model.py").write_text(MODEL)
    (tmp_path / "train.py").write_text("from model import classifier\n\nlogits = classifier\n")
    files = _report_files("--select", "wrap-in-layer", tmp_path)
    assert files["model.py"]["status"] == "changed"
    assert files["model.py"]["warnings"][0]["message"] == (
        "classifier() is kept as a function because train.py:1 imports it: build Classifier() once and call it "
        "in new code; in eager code classifier() itself only runs inside a decorated layer")
    diff = files["model.py"]["diff"]
    assert "-def classifier" not in diff and "+class Classifier(tensorflow.keras.layers.Layer):" in diff
    assert "+        return classifier(images, num_classes=self.num_classes)" in diff
    (tmp_path / "train.py").write_text("import model\n\nlogits = model.classifier\n")
    files = _report_files("--select", "wrap-in-layer", tmp_path)
    assert "because train.py:3 imports it" in files["model.py"]["warnings"][0]["message"]
    (tmp_path / "train.py").unlink()
    (tmp_path / "model.py").write_text(MODEL + "\n__all__ = ['classifier']\n")
    f = _report_files("--select", "wrap-in-layer", tmp_path)["model.py"]
    assert "because the module's __all__ exports it" in f["warnings"][0]["message"]
    # settings with defaults and a training parameter whose default is True (tf_slim's nets)
    (tmp_path / "model.py").write_text(
        "import tensorflow.compat.v1 as tf\n\n\ndef net(inputs, num_classes=10, is_training=True, scope='net'):\n"
        "    with tf.variable_scope(scope):\n"
        "        return tf.layers.dropout(tf.layers.dense(inputs, num_classes), training=is_training)\n"
        "\n__all__ = ['net']\n")
    f = _report_files("--select", "wrap-in-layer", tmp_path)["model.py"]
    assert f["status"] == "changed", f
    assert "+    def __init__(self, num_classes=10, scope='net', **kwargs):" in f["diff"]
    assert ("+        return net(inputs, is_training=True if training is None else training, "
            "num_classes=self.num_classes, scope=self.scope)") in f["diff"]
    # nobody imports it: the function becomes the layer
    (tmp_path / "model.py").write_text(MODEL)
    f = _report_files("--select", "wrap-in-layer", tmp_path)["model.py"]
    assert f["status"] == "changed" and "-def classifier" in f["diff"] and not f["warnings"]


def test_a_model_function_filling_a_collection_another_file_reads_stays_a_function(tmp_path):
    """train.py reads UPDATE_OPS (it imports model, and is handed the function: no name is
    imported as such); model.py's function fills it with its batch norm, so it stays
    beside its layer. A train.py that reads no collection, nor the function's name
    (through ``import *`` either), wraps it."""
    model = ("import tensorflow.compat.v1 as tf\n\n\ndef classifier(x, is_training=False):\n"
             "    with tf.variable_scope('classifier'):\n"
             "        return tf.layers.batch_normalization(tf.layers.dense(x, 4), training=is_training)\n")
    (tmp_path / "model.py").write_text(model)
    (tmp_path / "train.py").write_text(
        "import tensorflow.compat.v1 as tf\nimport model\n\n\ndef step(x, build):\n"
        "    out = build(x, is_training=True)\n"
        "    return tf.group(*tf.get_collection(tf.GraphKeys.UPDATE_OPS)), out\n")
    f = _report_files("--select", "wrap-in-layer", tmp_path)["model.py"]
    assert "-def classifier" not in f["diff"] and "+class Classifier(" in f["diff"]
    assert f["warnings"][0]["message"].startswith(
        "classifier() is kept as a function because train.py:7 reads the UPDATE_OPS collection "
        "(get_collection(...)), which classifier() fills in a TF1 graph and a Keras layer does not")
    (tmp_path / "train.py").write_text("from model import *\n\n\ndef step(x):\n    return x\n")
    f = _report_files("--select", "wrap-in-layer", tmp_path)["model.py"]
    assert "-def classifier" in f["diff"] and not f["warnings"]


def test_an_optimizer_is_kept_only_where_a_tf1_use_can_reach_it(tmp_path):
    """An optimizer that leaves its function is left as TF1's when a file that imports its
    module (or what such a file imports) uses an optimizer the TF1 way; a TF1 use in a file
    it cannot reach does not hold it back."""
    (tmp_path / "opts.py").write_text(
        "import tensorflow as tf\n\n\ndef make():\n    return tf.compat.v1.train.AdamOptimizer(0.1)\n")
    (tmp_path / "other.py").write_text(
        "import tensorflow as tf\n\n\ndef step(loss, opt):\n    return opt.minimize(loss, global_step=None)\n")
    files = _report_files("--select", "optimizers", tmp_path)
    assert files["opts.py"]["status"] == "changed", "other.py does not import opts: it cannot reach its optimizer"
    (tmp_path / "trainer.py").write_text("import opts\nimport other\n\nother.step(1.0, opts.make())\n")
    files = _report_files("--select", "optimizers", tmp_path)
    assert files["opts.py"]["status"] == "unchanged"
    assert files["opts.py"]["warnings"][0]["message"] == (
        "left as tf.compat.v1.train.AdamOptimizer: it leaves this function (returned, stored or passed on) and "
        "other.py:5 uses an optimizer the TF1 way (.minimize(..., global_step=...)); cannot prove that is not this one")


@pytest.mark.parametrize("hand_over", [
    "helpers.train_op(loss, optimizer=opt)",
    "helpers.train_op(loss, opt)",
    "run(helpers.train_op, loss, opt)",
])
def test_an_optimizer_handed_to_an_imported_function_that_minimizes_it_is_kept(tmp_path, hand_over):
    """A local optimizer handed to a function of a module it imports, which calls
    ``.minimize`` on it (Keras 3 optimizers have none; no global_step needed to see it),
    is left as TF1's, in the file handing it over; a file that imports nothing that
    uses an optimizer the TF1 way still has its optimizer rewritten."""
    (tmp_path / "helpers.py").write_text("def train_op(loss, optimizer):\n    return optimizer.minimize(loss)\n")
    (tmp_path / "other.py").write_text(
        "import tensorflow as tf\nimport helpers\n\n\ndef run(f, *args):\n    return f(*args)\n\n\n"
        f"def build(loss):\n    opt = tf.train.RMSPropOptimizer(0.1)\n    return {hand_over}\n")
    (tmp_path / "alone.py").write_text(
        "import tensorflow as tf\n\n\ndef build(loss):\n    opt = tf.train.RMSPropOptimizer(0.1)\n"
        "    return run(loss, opt)\n")
    files = _report_files("--select", "optimizers", tmp_path)
    assert files["other.py"]["status"] == "unchanged"
    assert files["other.py"]["warnings"][0]["message"] == (
        "left as tf.compat.v1.train.RMSPropOptimizer: it leaves this function (opt is passed to "
        f"{'run' if hand_over.startswith('run') else 'helpers.train_op'}()) and helpers.py:2 uses an optimizer "
        "the TF1 way (.minimize(...)); cannot prove that is not this one")
    assert files["alone.py"]["status"] == "changed"


def test_what_cpython_rejects_is_neither_read_nor_written(tmp_path):
    """LibCST accepts a NUL byte and 300 nested parentheses; CPython does not: such a
    file fails with CPython's message. A rewrite CPython would not compile is not written."""
    (tmp_path / "nul.py").write_bytes(b"import tensorflow as tf\nx = tf.log(1.0)\ny = '\x00'\n")
    (tmp_path / "deep.py").write_text("import tensorflow as tf\nx = tf.log(" + "(" * 300 + "1" + ")" * 300 + ")\n")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    r = tf1to2("migrate", "--write", "--format", "json", "-j", "1", str(tmp_path))
    files = {Path(f["path"]).name: f for f in json.loads(r.stdout)["files"]}
    assert r.returncode == 2
    assert files["nul.py"]["status"] == "failed" and "null bytes" in files["nul.py"]["error"]["message"]
    assert files["deep.py"]["status"] == "failed" and "nested parentheses" in files["deep.py"]["error"]["message"]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_rewrite_that_would_not_compile_is_not_written(tmp_path, monkeypatch):
    from codemod import pipeline
    from codemod.documents import load

    f = tmp_path / "m.py"
    f.write_text("import tensorflow as tf\n\nx = tf.log(1.0)\n")
    doc = load(str(f))
    result = pipeline.finish_document(doc, "import tensorflow as tf\n\ndef f(a, a):\n    pass\n", [], [])
    assert result.status == "failed" and "would not compile (duplicate argument 'a'" in result.error
    assert result.new_bytes is None


def test_a_module_function_with_a_self_parameter_stays_a_function(tmp_path):
    (tmp_path / "m.py").write_text(
        "import tensorflow.compat.v1 as tf\n\n\ndef dense(self, inputs, units):\n"
        "    with tf.variable_scope('d'):\n        w = tf.get_variable('w', [3, units])\n"
        "        return tf.matmul(inputs, w)\n")
    r = tf1to2("migrate", "--format", "json", "--select", "wrap-in-layer", str(tmp_path / "m.py"))
    f = json.loads(r.stdout)["files"][0]
    assert f["status"] == "unchanged"
    assert f["warnings"][0]["message"] == ("dense() left as a function: it has a parameter named self, "
                                           "which the layer's methods take for themselves")


def test_version_and_no_abbreviations(tmp_path):
    r = tf1to2("--version")
    assert r.returncode == 0 and r.stdout.startswith("tf1to2 ") and r.stdout.split()[1][0].isdigit()
    f = tmp_path / "model.py"
    f.write_text(TF1)
    r = tf1to2("migrate", "--w", str(f))  # not --write
    assert r.returncode == 2 and "unrecognized arguments: --w" in r.stderr
    assert f.read_text() == TF1


def test_an_unknown_rule_in_an_ignore_comment_is_warned(tmp_path):
    f = tmp_path / "model.py"
    f.write_text("import tensorflow as tf\n\nopt = tf.train.AdamOptimizer(0.1)  # tf1to2: ignore[optimiser]\n")
    r = tf1to2("migrate", str(f))
    assert r.returncode == 1  # the typo keeps nothing from being migrated...
    assert (f"{f}:3: tf1to2: # tf1to2: ignore[optimiser]: no rule is called 'optimiser', so this comment "
            "keeps nothing from being migrated") in r.stderr  # ...and says so
    f.write_text("import tensorflow as tf\n\nopt = tf.train.AdamOptimizer(0.1)  # tf1to2: ignore[optimizers, tf-api]\n")
    r = tf1to2("migrate", str(f))
    assert r.returncode == 0 and "no rule is called" not in r.stderr


def test_a_file_that_never_mentions_tensorflow_is_not_even_decoded(tmp_path):
    """Non-UTF-8 bytes in a file with no TensorFlow in it used to fail the run (exit 2):
    decoding came before the filter. Now it is skipped, bytes untouched; the same bytes
    in a TensorFlow file are still an error naming the file."""
    data = b"# caf\xe9, no coding line\nx = 1\n"
    (tmp_path / "other.py").write_bytes(data)
    r = tf1to2("migrate", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "other.py").read_bytes() == data
    (tmp_path / "model.py").write_bytes(data + b"import tensorflow as tf\n")
    r = tf1to2("migrate", str(tmp_path))
    assert r.returncode == 2 and "model.py" in r.stderr and "other.py" not in r.stderr


def test_rules_help_reads_as_text_and_later_stages_alone_say_what_they_need(tmp_path):
    r = tf1to2("rules", "tf-api")
    assert r.returncode == 0 and "`tf.compat.v1.X`" in r.stdout
    assert not re.search(r"(?<!`)``(?!`)", r.stdout), "RST double backticks in the terminal"
    for rule in rules.all_rules():  # literals a docstring wraps over two lines too
        text = tf1to2("rules", rule.id).stdout
        assert not re.search(r"(?<!`)``(?!`)", text), f"RST double backticks in {rule.id}'s help"
        assert text.count("```") % 2 == 0, f"{rule.id}: a code fence lost"
    f = tmp_path / "model.py"
    f.write_text("import tensorflow as tf\n\n\ndef model(x):\n    with tf.variable_scope('m'):\n"
                 "        return tf.layers.dense(x, 3)\n")
    r = tf1to2("migrate", "--select", "keras-layers", str(f))
    assert r.returncode == 0
    assert "note: keras-layers works on v1 layer objects held as attributes" in r.stderr
    assert "select the earlier stages too (slim-arg-scope, slim-to-layers, wrap-in-layer, layers-to-attributes)" \
        in r.stderr
    assert "note:" not in tf1to2("migrate", "--select", "wrap-in-layer", str(f)).stderr  # it changed something
    # a rule that works on TF1 code as it is gets no such note when it finds nothing
    plain = tmp_path / "plain.py"
    plain.write_text("import tensorflow as tf\n\nx = tf.constant(1)\n")
    r = tf1to2("migrate", "--select", "optimizers", str(plain))
    assert r.returncode == 0 and "note:" not in r.stderr


def test_reading_a_repository_runs_none_of_its_commands(tmp_path):
    """git ls-files would run the repository's core.fsmonitor command (here: touch a
    file); discovery turns it off."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "core.fsmonitor", f"touch {tmp_path / 'PWNED'}; false"],
                   check=True)
    (tmp_path / "model.py").write_text(TF1)
    r = tf1to2("migrate", str(tmp_path))
    assert r.returncode == 1, r.stderr
    assert not (tmp_path / "PWNED").exists()



def test_a_writable_file_whose_folder_takes_no_new_file_is_an_error_naming_it(tmp_path, monkeypatch):
    """mkstemp failing (a read-only folder: root may write there anyway, so it is made to
    fail here) is a SourceError the run reports with the path, not a traceback."""
    import tempfile

    from codemod import textio
    f = tmp_path / "model.py"
    f.write_text(TF1)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(textio.SourceError, match="no new file can be made in its folder"):
        textio.write_atomic(str(f), b"x = 1\n")
    assert f.read_text() == TF1


def test_github_annotations(tmp_path):
    """--output-format github (ruff's spelling; --format github too): one annotation per
    change, warning and error, at its file and line, escaped as GitHub requires."""
    (tmp_path / "model.py").write_text(TF1)
    (tmp_path / "bad.py").write_text("import tensorflow\ndef f(:\n")
    r = tf1to2("migrate", "--output-format", "github", ".", cwd=tmp_path)
    assert r.returncode == 2
    lines = r.stdout.splitlines()
    assert any(line.startswith("::warning file=model.py,line=") and ",title=tf1to2 optimizers::would change: "
               in line for line in lines), lines
    assert "::error file=bad.py,line=2,title=tf1to2::does not parse: invalid syntax" in lines
    assert all(line.startswith("::") for line in lines) and "---" not in r.stdout  # no diff


def test_standard_input_in_migrated_source_out(tmp_path):
    """``migrate -`` (pyupgrade's spelling; ``--stdin-filename`` as ruff's, which editors
    use): the migrated source on stdout, findings on stderr under that name, exit 1 when
    it changed; unchanged or failing input comes back as it was."""
    def run(source: str, *args: str):
        return subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", *args, "-"], input=source,
                              capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})

    r = run(TF1, "--select", "optimizers", "--stdin-filename", "src/model.py")
    assert r.returncode == 1 and r.stdout == TF2
    r = run("x = 1\n")
    assert r.returncode == 0 and r.stdout == "x = 1\n"
    r = run("import tensorflow\ndef f(:\n", "--stdin-filename", "bad.py")
    assert r.returncode == 2 and r.stdout == "import tensorflow\ndef f(:\n" and "error: bad.py:2: does not parse" in r.stderr
    r = run(TF1, str(tmp_path))
    assert r.returncode == 2 and "cannot be combined" in r.stderr


def test_diff_headers_quote_odd_file_names_as_git_does(tmp_path):
    """A file name with a newline, a tab, a quote or a backslash: the diff names it in
    git's quoted form, so each header stays one line and git applies the patch."""
    name = 'new\nline\t"q"\\x.py'
    (tmp_path / name).write_text(TF1)
    (tmp_path / "plain.py").write_text(TF1)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    r = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "-j", "1", name, "plain.py"],
                       capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 1, r.stderr
    headers = [line for line in r.stdout.splitlines() if line.startswith(("--- ", "+++ "))]
    assert headers == ['--- "a/new\\nline\\t\\"q\\"\\\\x.py"', '+++ "b/new\\nline\\t\\"q\\"\\\\x.py"',
                       "--- a/plain.py", "+++ b/plain.py"]
    applied = subprocess.run(["git", "apply", "-"], input=r.stdout, text=True, cwd=tmp_path, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / name).read_text() == TF2 and (tmp_path / "plain.py").read_text() == TF2


def test_pythons_warnings_about_the_code_read_are_not_printed(tmp_path):
    """TensorLayer's ``key is not '_id'`` and ``'\\.jpg'``: parsing them makes Python print a
    SyntaxWarning / DeprecationWarning to stderr, once per file and per worker; that is the
    code's own business, not the migration's, and ``migrate`` says nothing of it (a run
    over TensorLayer printed them among its findings)."""
    (tmp_path / "db.py").write_text("import tensorflow as tf\n\n\ndef f(key, x):\n"
                                     "    if key is not '_id':\n        return tf.log(x)\n"
                                     "    return '\\.jpg'\n")
    for jobs in ("1", "2"):
        proc = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "-j", jobs, str(tmp_path)],
                              capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert proc.returncode == 1 and "tf.math.log(x)" in proc.stdout, proc.stderr
        assert "Warning" not in proc.stderr, proc.stderr


def test_the_tools_own_sources_compile_without_warnings():
    """Every Python file of the tool, its shim (which migrated code imports), its rules,
    benchmarks and tests compiles with warnings as errors: an invalid escape sequence in
    a docstring is a DeprecationWarning in Python 3.11 and a SyntaxWarning from 3.12, shown
    to every user of the shim (tf1to2/__init__.py had one)."""
    import warnings
    files = [p for folder in ("codemod", "rules", "tf1to2", "benchmarks", "tests") for p in (ROOT / folder).rglob("*.py")
             if "__pycache__" not in p.parts]
    assert len(files) > 80
    for path in files:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            compile(path.read_bytes(), str(path), "exec")
