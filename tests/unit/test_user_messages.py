"""What a user reads points at the user docs (docs/*.md) or an option, never at one of the collection's source files:
module documentation (ansible-doc), result messages and warnings in plugins/, task names and messages in roles/ and
playbooks/, deprecation messages in meta/runtime.yml. Docstrings and comments are for developers and are not checked."""
import ast
import glob
import os
import re

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE_DIRS = ('plugins', 'tests', 'roles', 'playbooks')
PATH_WORD = re.compile(r'(?<![\w.])((?:[\w.-]+/)*[\w-]+\.py)\b|(?<![\w.])((?:plugins|tests)/[\w./-]*)')


def source_files():
    """Every .py file of the repository's source tree, by path and by name (a message may name either)."""
    names = set()
    for top in SOURCE_DIRS:
        for folder, _dirs, files in os.walk(os.path.join(ROOT, top)):
            if '__pycache__' in folder or '/.' in folder:
                continue
            for name in files:
                if name.endswith('.py') and name != '__init__.py':
                    names.add(name)
    return names


SOURCE_NAMES = source_files()


def source_references(text):
    """The words of ``text`` that name one of the collection's source files or folders."""
    found = []
    for match in PATH_WORD.finditer(text):
        word = match.group(1) or match.group(2)
        if match.group(2) or os.path.basename(word) in SOURCE_NAMES:
            found.append(word)
    return found


def docstring_nodes(tree):
    """The string constants that are docstrings (the first statement of a module, class or function)."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                yield first.value


def python_texts(path):
    """(line, text) of every string constant of a plugin that is not a docstring."""
    tree = ast.parse(open(path, encoding='utf-8').read())
    skip = set(id(node) for node in docstring_nodes(tree))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def yaml_texts(node):
    """Every string value (and key) of a YAML document; comments are gone by then."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from yaml_texts(key)
            yield from yaml_texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from yaml_texts(item)
    elif isinstance(node, str):
        yield node


def test_source_references_are_recognised():
    assert source_references('see plugins/module_utils/group_series.py for the labels') == [
        'plugins/module_utils/group_series.py']
    assert source_references('the table in ucs_rest.py') == ['ucs_rest.py']
    assert source_references('the lab (tests/lab/) answers') == ['tests/lab/']
    assert source_references('see docs/device-interfaces.md, option ca_path') == []
    assert source_references('poly_py_tools provision/model_meta.py (public provisioning tool)') == [], \
        "another project's file is a citation, not a pointer into this collection"


@pytest.mark.parametrize('path', sorted(glob.glob(os.path.join(ROOT, 'plugins', '**', '*.py'), recursive=True)),
                         ids=lambda path: os.path.relpath(path, ROOT))
def test_plugin_messages_and_docs_name_no_source_file(path):
    bad = ['line %d: %s' % (line, ref) for line, text in python_texts(path) for ref in source_references(text)]
    assert not bad, 'point users at docs/*.md or an option instead: %s' % bad


YAML_FILES = sorted(glob.glob(os.path.join(ROOT, 'roles', '**', '*.yml'), recursive=True)
                    + glob.glob(os.path.join(ROOT, 'playbooks', '**', '*.yml'), recursive=True)
                    + [os.path.join(ROOT, 'meta', 'runtime.yml'), os.path.join(ROOT, 'site.yml')])


@pytest.mark.parametrize('path', YAML_FILES, ids=lambda path: os.path.relpath(path, ROOT))
def test_role_and_playbook_texts_name_no_source_file(path):
    with open(path, encoding='utf-8') as handle:
        documents = list(yaml.safe_load_all(handle))
    bad = [ref for document in documents for text in yaml_texts(document) for ref in source_references(text)]
    assert not bad, 'point users at docs/*.md or an option instead: %s' % bad
