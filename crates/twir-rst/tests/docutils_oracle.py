"""Renders reStructuredText sources with docutils as Pelican configures it, for twir-rst's
differential tests. Reads a JSON list of sources on stdin; writes a JSON list of results:
{"ok": true, "title": ..., "body": ...} or {"ok": false, "error": ...}."""
import io
import json
import sys

from docutils.core import publish_parts

# Pelican's reader settings (halt on warnings: Pelican then skips the file).
SETTINGS = {
    "initial_header_level": "2",
    "syntax_highlight": "short",
    "input_encoding": "utf-8",
    "language_code": "en",
    "halt_level": 2,
    "traceback": True,
    "warning_stream": io.StringIO(),
    "embed_stylesheet": False,
}


def render(source):
    try:
        parts = publish_parts(source, writer_name="html4css1", settings_overrides=dict(SETTINGS, warning_stream=io.StringIO()))
    except Exception as error:  # docutils raises SystemMessage (and others) on halt
        return {"ok": False, "error": str(error)}
    return {"ok": True, "title": parts["title"], "body": parts["body"]}


print(json.dumps([render(s) for s in json.load(sys.stdin)]))
