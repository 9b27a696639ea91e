"""Every plugin's documentation parses; pano_settings and pano_pairing document exactly the settings of their tables."""
import ast
import glob
import importlib
import os

import pytest
import yaml

from ansible_collections.polycom.uc.plugins.module_utils.pano import PAIRING_SETTINGS, PANO_SETTINGS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def documented(path):
    blocks = {}
    for node in ast.parse(open(path).read()).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', '') in ('DOCUMENTATION', 'EXAMPLES', 'RETURN'):
            blocks[node.targets[0].id] = yaml.safe_load(node.value.value)
    return blocks


def with_fragments(path):
    """A module's options as ansible-doc shows them: its own, then its polycom.uc fragments' in order, merged one level
    deep as Ansible does (the module's keys win, then an earlier fragment's)."""
    doc = documented(path)['DOCUMENTATION']
    options = dict(doc.get('options') or {})
    for slug in doc.get('extends_documentation_fragment') or []:
        name, _dot, var = slug[len('polycom.uc.'):].partition('.')
        fragment = importlib.import_module('ansible_collections.polycom.uc.plugins.doc_fragments.' + name).ModuleDocFragment
        for option, entry in (yaml.safe_load(getattr(fragment, (var or 'documentation').upper())).get('options') or {}).items():
            options[option] = dict(entry, **options.get(option, {}))
    return options


def descriptions(node, where=''):
    """Every description entry of a documentation block, with where it is (a 'word: text' line parses as a mapping)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == 'description':
                for index, entry in enumerate(value if isinstance(value, list) else [value]):
                    yield '%s.description[%d]' % (where, index), entry
            else:
                yield from descriptions(value, '%s.%s' % (where, key))


@pytest.mark.parametrize('path', sorted(glob.glob(os.path.join(ROOT, 'plugins', '*', '*.py'))))
def test_documentation_parses(path):
    for name, block in documented(path).items():
        assert block is not None, name
        if name in ('DOCUMENTATION', 'RETURN'):
            bad = [where for where, entry in descriptions(block) if not isinstance(entry, str)]
            assert not bad, '%s: descriptions that are not text (quote a line with ": " in it): %s' % (name, bad)


def test_pano_settings_documents_its_table():
    options = with_fragments(os.path.join(ROOT, 'plugins', 'modules', 'pano_settings.py'))
    for section, spec in PANO_SETTINGS.argument_spec().items():
        assert set(options[section]['suboptions']) == set(spec['options']), section


def test_pano_pairing_documents_its_settings_as_pano_settings_does():
    pairing = with_fragments(os.path.join(ROOT, 'plugins', 'modules', 'pano_pairing.py'))
    settings = with_fragments(os.path.join(ROOT, 'plugins', 'modules', 'pano_settings.py'))
    for section, spec in PAIRING_SETTINGS.argument_spec().items():
        assert set(pairing[section]['suboptions']) == set(spec['options']), section
        for option in spec['options']:
            if (section, option) == ('general', 'country'):  # described once, in pano_settings; pairing refers to it
                assert 'O(polycom.uc.pano_settings#module:general.country)' in pairing[section]['suboptions'][option]['description'][0]
                continue
            assert pairing[section]['suboptions'][option] == settings[section]['suboptions'][option], (section, option)


def test_the_country_is_described_once_and_the_phone_modules_document_the_phone_account():
    """general.country (the setup wizard's question) is described in pano_settings; pano_pairing refers to it. The phone
    modules take the phones' account from polycom.uc.connection.phone, listed before polycom.uc.connection."""
    hits = [path for path in glob.glob(os.path.join(ROOT, 'plugins', '*', '*.py'))
            if 'The guide lists no values; the ISO codes are inferred' in open(path).read()]
    assert hits == [os.path.join(ROOT, 'plugins', 'modules', 'pano_settings.py')]
    for name in ('ucs_phone_info', 'ucs_phone_config', 'ucs_phone_restart'):
        options = with_fragments(os.path.join(ROOT, 'plugins', 'modules', name + '.py'))
        assert options['username']['default'] == 'Polycom' and 'POLYCOM_PHONE_PASSWORD' in ' '.join(options['password']['description'])
        assert set(options) >= {'host', 'port', 'validate_certs', 'ca_path', 'timeout', 'retries'}, name
