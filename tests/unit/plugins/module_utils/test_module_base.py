import json

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.polycom.uc.plugins.module_utils import module as base
from ansible_collections.polycom.uc.plugins.module_utils.polycom_api import ApiCommandError
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import CONNECTION_ARGSPEC, PolycomAuthError, PolycomError


class Failed(Exception):
    def __init__(self, result):
        super(Failed, self).__init__(result.get('msg'))
        self.result = result


@pytest.fixture
def make_module(monkeypatch):
    def fail_json(self, **kwargs):
        raise Failed(kwargs)
    monkeypatch.setattr(base.PolycomModule, 'fail_json', fail_json)

    def make(params, *args, **kwargs):
        monkeypatch.setattr(basic, '_ANSIBLE_ARGS', to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': params})))
        monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy', raising=False)
        return base.PolycomModule(*args, **kwargs)
    return make


def test_connection_and_shared_options_come_with_the_module(make_module):
    module = make_module({'host': 'pano1', 'password': 's3cret'}, dict(wait=dict(type='bool', default=True)),
                         shared=['initial_password', 'restart_timeout'], supports_check_mode=True)
    assert set(CONNECTION_ARGSPEC) | {'wait', 'initial_password', 'restart_timeout'} == set(module.argument_spec)
    assert module.params['restart_timeout'] == 300 and module.params['initial_password'] is None
    assert 'reachable_at' not in module.params
    assert module.supports_check_mode
    assert module.argument_spec['initial_password']['no_log']


def test_shared_options_are_copies():
    spec = base.shared_options('reachable_at')
    spec['reachable_at']['default'] = 'host'
    assert base.SHARED_OPTIONS['reachable_at']['default'] == 'new_address'


def test_a_device_fault_fails_with_its_status_and_answer_secrets_masked(make_module):
    module = make_module({'host': 'pano1', 'password': 's3cret'})
    client = module.client()
    with pytest.raises(Failed) as failed:
        module.fail_from_exception(PolycomAuthError('login refused for s3cret', status=401, answer='{"error": "s3cret"}'),
                                   changed=False, changes=[])
    assert failed.value.result == dict(msg='login refused for ********', status=401, answer='{"error": "********"}',
                                       changed=False, changes=[])
    assert client.secrets == {'s3cret'}


def test_a_fault_without_status_or_answer_says_so(make_module):
    module = make_module({'host': 'pano1'})
    with pytest.raises(Failed) as failed:
        module.fail_from_exception(PolycomError('no JSON'))
    assert failed.value.result == dict(msg='no JSON', status=None)


def test_a_command_channel_fault_carries_its_answer(make_module):
    module = make_module({'host': 'gs1', 'password': 'pw12'}, dict(x=dict(type='str')))
    module.client()
    with pytest.raises(Failed) as failed:
        module.fail_from_exception(ApiCommandError('systemname refused', command='systemname "pw12"',
                                                   answer=['error: command has illegal parameters']))
    assert failed.value.result == dict(msg='systemname refused', answer='["error: command has illegal parameters"]')


def test_bad_input_is_refused_with_every_problem(make_module):
    module = make_module({'host': 'pano1'})
    module.fail_on_problems([])
    with pytest.raises(Failed) as failed:
        module.fail_on_problems(['a: wrong', 'b: wrong'])
    assert failed.value.result == dict(msg='invalid settings: a: wrong; b: wrong', problems=['a: wrong', 'b: wrong'])


def test_check_mode_support_is_declared_by_each_module_not_assumed_by_the_base(make_module):
    assert not make_module({'host': 'pano1'}).supports_check_mode
