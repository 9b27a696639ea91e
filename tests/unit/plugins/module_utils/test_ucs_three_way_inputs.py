"""ucs_three_way_drift refuses inputs of the wrong shape (outside review N9), naming the option, the parameter and the shape,
before anything is compared; booleans compare as the role writes them (1/0)."""
import json

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.ucs_three_way import input_problems, three_way
from ansible_collections.polycom.uc.plugins.modules import ucs_three_way_drift

SHARE = {'a.b': {'value': '1', 'source': 'lync-shared.cfg'}}


class Ended(Exception):
    def __init__(self, failed, result):
        super(Ended, self).__init__(result.get('msg'))
        self.failed, self.result = failed, result


@pytest.fixture
def run(monkeypatch):
    def end(failed):
        def method(self, **result):
            raise Ended(failed, result)
        return method
    monkeypatch.setattr(PolycomModule, 'fail_json', end(True))
    monkeypatch.setattr(PolycomModule, 'exit_json', end(False))

    def module(**params):
        monkeypatch.setattr(basic, '_ANSIBLE_ARGS', to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': params})))
        monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy', raising=False)
        with pytest.raises(Ended) as ended:
            ucs_three_way_drift.main()
        return ended.value
    return module


def test_a_share_value_that_is_not_value_and_source_is_refused_naming_option_parameter_and_shape(run):
    ended = run(rendered={'a.b': '1'}, share={'a.b': '1'}, phone={'a.b': {'value': '0', 'source': 'configFile'}})
    assert ended.failed and 'config_drift' not in ended.result, 'nothing compared'
    assert ended.result['problems'] == ['share: a.b is text, not a mapping; expected {parameter name: {value: ..., source: the file it comes from}}']
    assert ended.result['msg'].startswith('invalid input: share: a.b is text')


def test_every_wrong_shape_is_named_and_no_value_is_shown():
    problems = input_problems({'a.b': ['x'], '': 'y'},
                              {'a.b': {'value': '1', 'file': 'x.cfg'}, 'c.d': {'source': 'x.cfg'}},
                              {'reg.1.auth.password': {'value': {'secret': 'Pa55word'}, 'source': 'web'}, 'e.f': {'value': '1', 'source': 7}})
    text = '\n'.join(problems)
    assert "rendered: '' is not a parameter name" in text
    assert 'rendered: a.b is a list, not a single value' in text
    assert 'share: a.b has the keys file' in text and 'share: c.d has no value' in text
    assert 'phone: e.f source is a number, not text' in text
    assert 'phone: reg.1.auth.password value is a mapping, not a single value' in text and 'Pa55word' not in text
    assert len(problems) == 6


def test_the_shapes_the_playbook_passes_are_accepted():
    assert input_problems({'a.b': '1', 'c.d': 30, 'e.f': True, 'g.h': None}, dict(SHARE, **{'c.d': {'value': None, 'source': None}}),
                          {'a.b': {'value': '1', 'source': None}, 'c.d': {'value': '30'}}) == []


def test_booleans_and_numbers_compare_as_the_role_writes_them(run):
    ended = run(rendered={'a.b': True, 'c.d': 30}, share={'a.b': {'value': '1', 'source': 'x.cfg'}, 'c.d': {'value': 30, 'source': 'x.cfg'}},
                phone={'a.b': {'value': '1', 'source': 'configFile'}, 'c.d': {'value': '30', 'source': 'configFile'}})
    assert not ended.failed and ended.result['config_drift'] == [] and ended.result['changed'] is False
    drift = three_way({'a.b': False}, SHARE, {'a.b': {'value': '1', 'source': 'configFile'}})
    assert [(d['parameter'], d['cause'], d['rendered']) for d in drift] == [('a.b', 'share_differs', '0')]
