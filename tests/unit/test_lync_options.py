"""The Lync option surface is declared once (plugins/module_utils/lync_options.py): the action plugin's argument spec and
build_plan's defaults come from it, and the files Ansible needs as files are what tests/tools/generate_lync_options.py
generates from it - a hand edit or a table change without `make generate` fails here."""
import os
import sys

import yaml

from ansible_collections.polycom.uc.plugins.action import lync_files as action
from ansible_collections.polycom.uc.plugins.module_utils import lync_options, ucs_lync

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'tools'))
import generate_lync_options as generator  # noqa: E402 pylint: disable=wrong-import-position


def read(path):
    with open(os.path.join(ROOT, path), encoding='utf-8') as handle:
        return handle.read()


def test_every_generated_file_is_what_the_table_generates():
    stale = [path for path, text in sorted(generator.generated().items()) if read(path) != text]
    assert not stale, 'out of date or edited by hand (edit lync_options.py, then run make generate): %s' % ', '.join(stale)


def test_a_hand_edit_of_the_generated_task_arguments_is_found():
    edited = read(generator.TASKS).replace('    master: "{{ lync_provisioning_master }}"\n', '    master: per_phone\n')
    assert edited != read(generator.TASKS)
    assert generator.generated(read=lambda path: edited)[generator.TASKS] == read(generator.TASKS), 'the region is regenerated'


def test_the_action_plugin_validates_exactly_the_table():
    assert action.ARGUMENT_SPEC == lync_options.argument_spec()
    names = [entry['name'] for entry in lync_options.module_options()]
    assert len(names) == len(set(names)) and sorted(action.ActionModule._VALID_ARGS) == sorted(names)


def test_the_module_docs_and_the_role_pass_every_option_with_its_spec():
    options = yaml.safe_load(generator.fragment_text(generator.load_table()).split("r'''", 1)[1].rsplit("'''", 1)[0])['options']
    task = yaml.safe_load(read(generator.TASKS))
    passed = [t for t in task if 'polycom.uc.lync_files' in t][0]['polycom.uc.lync_files']
    for name, spec in lync_options.argument_spec().items():
        documented = options[name]
        assert documented['type'] == spec['type'] and documented.get('default') == spec.get('default'), name
        assert documented.get('choices') == spec.get('choices') and documented.get('elements') == spec.get('elements'), name
        assert name in passed, name
    role = yaml.safe_load(read(generator.ARGUMENT_SPECS))['argument_specs']['main']['options']
    defaults = yaml.safe_load(read(generator.DEFAULTS))
    assert defaults == lync_options.role_defaults() and sorted(role) == sorted(defaults)
    for entry in lync_options.module_options():
        if entry['role_var'] and 'role_default' not in entry:
            assert defaults[entry['role_var']] == entry['spec']['default'], 'the role default is the option default: %s' % entry['role_var']


def test_the_catalogue_constants_are_the_tables():
    spec = lync_options.argument_spec()
    assert ucs_lync.CREDENTIAL_MODES is lync_options.CREDENTIAL_MODES and spec['credentials']['choices'] == list(ucs_lync.CREDENTIAL_MODES)
    assert spec['master']['choices'] == list(ucs_lync.MASTER_STRATEGIES) and spec['directories']['default'] == lync_options.DEFAULT_DIRECTORIES


def phones():
    problems = []
    found = [ucs_lync.phone_from_mapping('phones[0]', dict(mac='0004f2000001', address='sip:a@example.com', user='a', password='pw'),
                                         problems)]
    assert not problems
    return found


def test_build_plan_takes_its_defaults_from_the_table(monkeypatch):
    entry = [e for e in lync_options.OPTIONS if e['name'] == 'secret_file_mode'][0]
    monkeypatch.setitem(entry['spec'], 'default', '0600')
    plan = ucs_lync.build_plan(dict(pool_address='pool.example.com', credentials='file', share_https=True, auth_domain='LAB'), phones())
    assert [item.mode for item in plan.items if item.kind == 'phone'] == ['0600']
    full = lync_options.complete({})
    assert sorted(full) == sorted(lync_options.argument_spec()) and full['secret_file_mode'] == '0600'
    assert lync_options.complete(dict(shared_file='', app_file_path=''))['shared_file'] == 'lync-shared.cfg', 'a file name cannot be empty'
    assert lync_options.complete(dict(app_file_path=''))['app_file_path'] == '', 'no firmware image is a choice'


def test_a_shared_file_with_a_secret_gets_the_secret_file_mode():
    opts = dict(pool_address='pool.example.com', share_https=True, secret_file_mode='0600', shared_params={'reg.1.auth.password': 'x'})
    plan = ucs_lync.build_plan(opts, phones())
    assert [item.mode for item in plan.items if item.kind == 'shared'] == ['0600']
