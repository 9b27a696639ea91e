"""polycom.uc.ucs_phone_info against the lab's phone REST API: facts, v1/v2, API off, credentials, answers, faults, secrets."""
import base64
import http.client
import json
import os
import ssl
import subprocess

import pytest
import yaml

from drift_helpers import BIN, LAB_PHONE_PASSWORD, ROOT, PhoneLab


class Phones(object):
    def __init__(self, running_lab, workdir):
        self.lab, self.workdir = running_lab, workdir
        self.rest = PhoneLab(running_lab)
        self.rest.factory()

    def play(self, args, phone='vvx-reception', env=None, verbosity=0, extra_tasks=()):
        port = self.rest.phones[phone]['port']
        module_args = dict(host='127.0.0.1', port=port, ca_path=self.lab.ca, timeout=5, retries=2)
        module_args.update(args)
        tasks = [{'name': 'info', 'polycom.uc.ucs_phone_info': dict((k, v) for k, v in module_args.items() if v is not None),
                  'register': 'info'}] + list(extra_tasks)
        playbook = os.path.join(self.workdir, 'play.yml')
        with open(playbook, 'w') as handle:
            yaml.safe_dump([{'name': 'phone', 'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}], handle)
        run_env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_NOCOLOR='1',
                       ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'), ANSIBLE_STDOUT_CALLBACK='ansible.builtin.default',
                       ANSIBLE_CALLBACK_RESULT_FORMAT='json', ANSIBLE_PYTHON_INTERPRETER=os.path.join(BIN, 'python'))
        for name in ('POLYCOM_PHONE_USERNAME', 'POLYCOM_PHONE_PASSWORD', 'POLYCOM_USERNAME', 'POLYCOM_PASSWORD'):
            run_env.pop(name, None)
        run_env.update(env or {})
        command = [os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local', playbook]
        command += ['-' + 'v' * verbosity] if verbosity else []
        process = subprocess.run(command, cwd=self.workdir, env=run_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 universal_newlines=True, timeout=120, check=False)
        return process.returncode, process.stdout


@pytest.fixture
def phones(running_lab, tmp_path):
    return Phones(running_lab, str(tmp_path))


def facts_task(expression):
    return {'name': 'check', 'ansible.builtin.assert': {'that': [expression]}}


def test_facts_in_the_shape_every_facts_module_returns(phones):
    rc, output = phones.play({'password': LAB_PHONE_PASSWORD}, extra_tasks=[
        facts_task("info.device | dict2items | rejectattr('key', 'equalto', 'lines') | items2dict == {'family': 'phone',"
                   " 'model': 'VVX 500', 'serial': '0004f2e0a501', 'mac_address': '0004f2e0a501',"
                   " 'firmware_version': '5.9.7.3480', 'software_version': '5.9.7.3480', 'ipv4_address': '127.0.0.1',"
                   " 'ipv6_address': '::', 'vendor': 'Polycom', 'api_version': 'v1'}"),
        facts_task("info.device.lines | map(attribute='line') | list == [1]"),
        facts_task('info.changed == false')])
    assert rc == 0, output
    stats = phones.rest.stats('vvx-reception')
    assert stats['requests'] == 2, 'no session calls'
    assert stats['by_endpoint'] == {'GET /api/v1/mgmt/device/info': 1, 'GET /api/v1/mgmt/lineInfo': 1}


def test_firmware_from_v2_when_v1_is_not_served_and_in_check_mode(phones):
    phones.rest.set_state('vvx-office', api_versions=[2], firmware='6.4.3.1234')
    rc, output = phones.play({'password': LAB_PHONE_PASSWORD}, phone='vvx-office', extra_tasks=[
        facts_task("info.device.api_version == 'v2' and info.device.firmware_version == '6.4.3.1234'"),
        facts_task("info.device.model == 'VVX 410'")])
    assert rc == 0, output
    assert phones.rest.stats('vvx-office')['by_endpoint'] == {'GET /api/v1/mgmt/device/info': 1, 'GET /api/v2/mgmt/device/info': 1,
                                                              'GET /api/v1/mgmt/lineInfo': 1}
    rc, output = phones.play({'password': LAB_PHONE_PASSWORD, 'api_version': 'v1'}, phone='vvx-office')
    assert rc != 0 and 'answers 404 to /api/v1/mgmt/device/info' in output


def test_an_api_that_is_off_answers_404_and_the_task_says_what_to_do(phones):
    phones.rest.set_state('vvx-reception', api_enabled=False)
    rc, output = phones.play({'password': LAB_PHONE_PASSWORD})
    assert rc == 2, output
    assert 'the REST API is disabled (set apps.restapi.enabled=\\"1\\"' in output and '"status": 404' in output
    assert phones.rest.stats('vvx-reception')['not_found'] == 2, 'v1, then v2'


def test_refused_credentials_fail_without_showing_the_password_even_at_vvvv(phones):
    wrong = 'Not-The-Pw-31!'
    rc, output = phones.play({'password': wrong}, verbosity=4)
    assert rc == 2 and 'as Polycom refused by https://127.0.0.1' in output and 'HTTP 401' in output
    assert wrong not in output
    assert phones.rest.stats('vvx-reception')['auth_failures'] == 1, 'a refusal is final: no retry that could lock the account'


@pytest.mark.parametrize('api_status, count, meaning', [('4001', 3, 'device busy, try again later (after 3 tries)'),
                                                        ('5000', 1, 'failed to process'), ('4010', 1, 'default password')])
def test_status_codes_other_than_2000_are_explained(phones, api_status, count, meaning):
    """A busy phone is asked again (retries=2: three tries in all) before the task fails; other codes fail at once."""
    phones.rest.control('vvx-reception', 'POST', '/_lab/faults', {'faults': [{'kind': 'api_status', 'api_status': api_status, 'count': count}]})
    rc, output = phones.play({'password': LAB_PHONE_PASSWORD})
    assert rc == 2 and 'answered Status %s' % api_status in output and meaning in output, output
    assert phones.rest.stats('vvx-reception')['requests'] == count


def test_a_busy_phone_is_asked_again_and_the_task_succeeds(phones):
    phones.rest.control('vvx-reception', 'POST', '/_lab/faults', {'faults': [
        {'kind': 'api_status', 'api_status': '4001', 'count': 2, 'endpoint': '/api/v1/mgmt/lineInfo'}]})
    rc, output = phones.play({'password': LAB_PHONE_PASSWORD}, extra_tasks=[facts_task("info.device.lines[0].line == 1")])
    assert rc == 0, output
    assert phones.rest.stats('vvx-reception')['by_endpoint'] == {'GET /api/v1/mgmt/device/info': 1, 'GET /api/v1/mgmt/lineInfo': 3}


def test_a_busy_web_server_is_retried_by_the_shared_client(phones):
    phones.rest.control('vvx-reception', 'POST', '/_lab/faults', {'faults': [{'kind': 'status', 'status': 503, 'retry_after': 0, 'count': 2}]})
    rc, output = phones.play({'password': LAB_PHONE_PASSWORD, 'lines': False}, extra_tasks=[facts_task("info.device.model == 'VVX 500'")])
    assert rc == 0, output
    assert phones.rest.stats('vvx-reception')['requests'] == 3


def test_phone_credentials_come_from_their_own_environment_variables(phones):
    env = dict(POLYCOM_PHONE_PASSWORD=LAB_PHONE_PASSWORD, POLYCOM_PASSWORD='pano-admin-password', POLYCOM_USERNAME='admin')
    rc, output = phones.play({}, env=env, extra_tasks=[facts_task("info.device.mac_address == '0004f2e0a501'")])
    assert rc == 0, output
    rc, output = phones.play({}, env=dict(POLYCOM_PHONE_PASSWORD=LAB_PHONE_PASSWORD, POLYCOM_PHONE_USERNAME='Admin'))
    assert rc == 2 and 'as Admin refused' in output


def test_the_readme_module_defaults_never_send_the_pano_password_to_a_phone(phones):
    """Action groups per family: the README's module_defaults give the Pano password to group/polycom.uc.pano only; the phone
    (whose emulator records every user/password a client offers) sees its own credentials and nothing else."""
    port = phones.rest.phones['vvx-reception']['port']
    pano_password = 'Pano-Only-Secret-9'
    play = {'name': 'readme example', 'hosts': 'localhost', 'gather_facts': False,
            'module_defaults': {'group/polycom.uc.pano': {'host': '127.0.0.1', 'password': pano_password},
                                'group/polycom.uc.phone': {'password': LAB_PHONE_PASSWORD}},
            'tasks': [{'name': 'phone', 'polycom.uc.ucs_phone_info': {'host': '127.0.0.1', 'port': port, 'ca_path': phones.lab.ca}}]}
    playbook = os.path.join(phones.workdir, 'readme.yml')
    with open(playbook, 'w') as handle:
        yaml.safe_dump([play], handle)
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'),
               ANSIBLE_PYTHON_INTERPRETER=os.path.join(BIN, 'python'))
    for name in ('POLYCOM_PHONE_USERNAME', 'POLYCOM_PHONE_PASSWORD', 'POLYCOM_USERNAME', 'POLYCOM_PASSWORD'):
        env.pop(name, None)
    process = subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local', playbook], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=120, check=False)
    assert process.returncode == 0, process.stdout[-3000:]
    offered = phones.rest.stats('vvx-reception')['credentials']
    assert offered == [['Polycom', LAB_PHONE_PASSWORD]], offered
    assert pano_password not in [password for _user, password in offered]


def test_named_parameters_come_with_their_source_in_requests_of_20_and_secrets_masked_at_vvvv(phones):
    secret = 'Rest-Set-Secret-42'
    conn = http.client.HTTPSConnection('127.0.0.1', phones.rest.phones['vvx-reception']['port'], timeout=10,
                                       context=ssl.create_default_context(cafile=phones.lab.ca))
    token = base64.b64encode(('Polycom:%s' % LAB_PHONE_PASSWORD).encode()).decode()
    conn.request('POST', '/api/v1/mgmt/config/set', body=json.dumps({'data': {'reg.1.auth.password': secret, 'reg.1.telephony': '0'}}),
                 headers={'Authorization': 'Basic ' + token, 'Content-Type': 'application/json'})
    assert json.loads(conn.getresponse().read()) == {'Status': '2000'}, 'set behind Ansible\'s back, as at the web utility'
    conn.close()
    phones.rest.control('vvx-reception', 'POST', '/_lab/stats/reset')
    names = ['reg.1.auth.password', 'reg.1.telephony'] + ['reg.%d.srtp.enable' % n for n in range(1, 22)]
    rc, output = phones.play({'password': LAB_PHONE_PASSWORD, 'parameters': names, 'lines': False}, verbosity=4, extra_tasks=[
        facts_task("info.parameters['reg.1.telephony'] == {'value': '0', 'source': 'web'}"),
        facts_task("info.parameters['reg.1.auth.password'] == {'value': '********', 'source': 'web'}"),
        facts_task("info.parameters['reg.21.srtp.enable'].source == 'default'"),
        facts_task('info.parameters | length == 23')])
    assert rc == 0, output
    assert secret not in output
    assert phones.rest.stats('vvx-reception')['by_endpoint'] == {'GET /api/v1/mgmt/device/info': 1, 'POST /api/v1/mgmt/config/get': 2}


def test_a_bad_parameter_name_is_refused_before_any_request(phones):
    rc, output = phones.play({'password': LAB_PHONE_PASSWORD, 'parameters': ['reg.1.address', 'bad name']})
    assert rc == 2 and "parameters: 'bad name' is not a UC Software parameter name" in output, output
    assert phones.rest.stats('vvx-reception')['requests'] == 0
