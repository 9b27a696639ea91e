"""The Polycom UC credential type as AWX renders it: "not set" can never turn certificate checks off or override a
module default, and the field labels the modules' messages quote are the type's own."""
import os
import re
import sys

import pytest
import yaml
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import (
    CONNECTION_ARGSPEC, CREDENTIAL_FIELDS, CREDENTIAL_TYPE, credential_hints,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'functional'))

from awx_credential import credential_type, render_injectors  # noqa: E402 pylint: disable=wrong-import-position

PHONE_ARGSPEC = dict(CONNECTION_ARGSPEC, username=dict(CONNECTION_ARGSPEC['username'], default='Polycom',
                                                       fallback=(CONNECTION_ARGSPEC['username']['fallback'][0], ['POLYCOM_PHONE_USERNAME'])),
                     password=dict(CONNECTION_ARGSPEC['password'],
                                   fallback=(CONNECTION_ARGSPEC['password']['fallback'][0], ['POLYCOM_PHONE_PASSWORD'])))


def module_params(env, monkeypatch, argument_spec=None):
    """The connection options a module ends up with when the job's environment is ``env`` and the task sets only host."""
    for name in list(os.environ):
        if name.startswith('POLYCOM_'):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = ArgumentSpecValidator(argument_spec or CONNECTION_ARGSPEC).validate({'host': 'pano.example.com'})
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


def test_an_empty_credential_leaves_every_module_default_in_place(tmp_path, monkeypatch):
    env = render_injectors({}, str(tmp_path))
    assert set(env.values()) == {''}, env
    params = module_params(env, monkeypatch)
    assert (params['username'], params['password'], params['validate_certs'], params['ca_path']) == ('admin', None, True, None)
    phone = module_params(env, monkeypatch, PHONE_ARGSPEC)
    assert (phone['username'], phone['password'], phone['validate_certs']) == ('Polycom', None, True)


@pytest.mark.parametrize('switch', [{}, {'skip_certificate_check': False}])
def test_certificate_checks_stay_on_unless_the_skip_switch_is_turned_on(tmp_path, monkeypatch, switch):
    env = render_injectors(dict(switch, password='pw'), str(tmp_path))
    assert env['POLYCOM_VALIDATE_CERTS'] == ''
    assert module_params(env, monkeypatch)['validate_certs'] is True
    env = render_injectors(dict(password='pw', skip_certificate_check=True), str(tmp_path))
    assert env['POLYCOM_VALIDATE_CERTS'] == 'false' and module_params(env, monkeypatch)['validate_certs'] is False


def test_a_filled_credential_reaches_the_options_and_the_ca_lands_in_a_file(tmp_path, monkeypatch):
    inputs = dict(username='ops', password='Pano-pw', phone_username='rest', phone_password='Phone-pw', ca_cert='-----BEGIN CERT-----\n')
    env = render_injectors(inputs, str(tmp_path))
    params = module_params(env, monkeypatch)
    assert (params['username'], params['password'], params['validate_certs']) == ('ops', 'Pano-pw', True)
    assert open(params['ca_path']).read() == inputs['ca_cert'] and params['ca_path'].startswith(str(tmp_path / 'env'))
    phone = module_params(env, monkeypatch, PHONE_ARGSPEC)
    assert (phone['username'], phone['password'], phone['ca_path']) == ('rest', 'Phone-pw', params['ca_path'])


def test_no_boolean_means_off_when_unset_and_no_default_is_relied_on():
    """AWX renders a boolean nobody set as False whatever its default: False must be the safe value of every one."""
    fields = credential_type()['inputs']['fields']
    booleans = [field for field in fields if field['type'] == 'boolean']
    assert [field['id'] for field in booleans] == ['skip_certificate_check']
    assert not [field for field in fields if field.get('default') not in (None, False)]
    assert 'validate_certs' not in [field['id'] for field in fields]


def test_the_labels_the_messages_quote_are_the_credential_types_own():
    definition = credential_type()
    labels = dict((field['id'], field['label']) for field in definition['inputs']['fields'])
    injected = {}
    for variable, template in definition['injectors']['env'].items():
        used = sorted(set(re.findall(r'(?:{{|{%\s*if)\s*(\w+)', template)) & set(labels))
        assert len(used) == 1, (variable, template)
        injected[variable] = labels[used[0]]
    assert injected == CREDENTIAL_FIELDS and definition['name'] == CREDENTIAL_TYPE
    hints = credential_hints(CONNECTION_ARGSPEC)
    assert hints['missing'] == ("no password was given: set the password option or POLYCOM_PASSWORD "
                                "(in AWX: the Polycom UC credential's 'Pano / Group Series admin password')")
    assert "'Phone REST API password'" in credential_hints(PHONE_ARGSPEC)['refused']
    assert "'Device CA certificate (PEM)'" in hints['tls']


def test_the_credential_type_parses_as_awx_expects():
    with open(os.path.join(ROOT, 'awx', 'credential_types', 'polycom.yml')) as handle:
        definition = yaml.safe_load(handle)
    assert set(definition) == {'name', 'description', 'kind', 'inputs', 'injectors'}
    assert set(definition['inputs']) == {'fields', 'required'} and set(definition['injectors']) == {'env', 'file'}
    for field in definition['inputs']['fields']:
        assert set(field) <= {'id', 'type', 'label', 'help_text', 'secret', 'multiline', 'default'}, field
        assert field['type'] in ('string', 'boolean')
