"""polycom.uc.ucs_phone_config against the lab's phone REST emulator: idempotence, chunking, check mode, diff, secrets,
refusals before any request, busy and failing phones."""
import json
import os
import subprocess

import pytest
import yaml

from drift_helpers import BIN, LAB_PHONE_PASSWORD, ROOT, PhoneLab

PHONE = 'vvx-reception'
SECRET = 'Lync-Pw-For-Jsmith-77'
SHARED = {
    'voIpProt.server.1.address': 'lyncpool.example.com',
    'voIpProt.server.1.transport': 'TLS',
    'voIpProt.server.1.specialInterop': 'lync2010',
    'feature.presence.enabled': True,
    'sec.srtp.mki.length': 1,
}
# 5 + 12 + 10 = 27 parameters: two config/set requests at most 20 each
MANY = dict(SHARED, **dict([('reg.%d.srtp.enable' % n, '0') for n in range(1, 13)] + [('reg.%d.telephony' % n, 1) for n in range(1, 11)]))


class Config(object):
    def __init__(self, running_lab, workdir):
        self.lab, self.workdir = running_lab, workdir
        self.rest = PhoneLab(running_lab)
        self.rest.factory()
        self.rest.control(PHONE, 'DELETE', '/_lab/faults')

    def play(self, parameters, check=False, diff=False, verbosity=0, secret_parameters=None):
        """(rc, output, result of the task) of one ansible-playbook run setting ``parameters`` on the phone."""
        args = dict(host='127.0.0.1', port=self.rest.phones[PHONE]['port'], ca_path=self.lab.ca, timeout=5, retries=2,
                    password=LAB_PHONE_PASSWORD, parameters=parameters)
        if secret_parameters is not None:
            args['secret_parameters'] = secret_parameters
        tasks = [{'name': 'config', 'polycom.uc.ucs_phone_config': args, 'register': 'out', 'ignore_errors': True},
                 {'name': 'show', 'ansible.builtin.copy': {'content': '{{ out | to_json }}', 'dest': os.path.join(self.workdir, 'out.json')},
                  'check_mode': False, 'diff': False}]
        playbook = os.path.join(self.workdir, 'play.yml')
        with open(playbook, 'w') as handle:
            yaml.safe_dump([{'name': 'phone', 'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}], handle)
        env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_NOCOLOR='1',
                   ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'), ANSIBLE_STDOUT_CALLBACK='ansible.builtin.default',
                   ANSIBLE_PYTHON_INTERPRETER=os.path.join(BIN, 'python'))
        command = [os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local', playbook]
        command += (['--check'] if check else []) + (['--diff'] if diff else []) + (['-' + 'v' * verbosity] if verbosity else [])
        process = subprocess.run(command, cwd=self.workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 universal_newlines=True, timeout=180, check=False)
        with open(os.path.join(self.workdir, 'out.json')) as handle:
            result = json.load(handle)
        return process.returncode, process.stdout, result

    def sets(self):
        return self.rest.stats(PHONE)['by_endpoint'].get('POST /api/v1/mgmt/config/set', 0)

    def running(self, names):
        config = self.rest.control(PHONE, 'GET', '/_lab/config')
        return dict((name, (config.get(name) or {}).get('value')) for name in names)


@pytest.fixture
def phone(running_lab, tmp_path):
    return Config(running_lab, str(tmp_path))


def test_writes_only_the_difference_in_requests_of_at_most_20_and_a_second_run_changes_nothing(phone):
    # the phone booted from the lab's share, which earlier tests may have provisioned for it (its MAC is in the lab's
    # Lync phone list): the difference is what it runs now against what is asked
    wanted = dict((name, '1' if value is True else str(value)) for name, value in MANY.items())
    before = phone.running(list(MANY))
    rc, output, result = phone.play(MANY)
    assert rc == 0 and result['changed'] and not result.get('failed'), output
    assert sorted(result['changes']) == sorted(name for name in MANY if before[name] != wanted[name]), (before, result)
    assert len(result['changes']) > 20 and result['requests'] == 2, result
    assert phone.running(list(MANY)) == wanted
    assert phone.sets() == 2, 'two config/set requests, never one of 27 (the phone answers 4009)'
    assert phone.running(['feature.presence.enabled', 'sec.srtp.mki.length', 'reg.12.srtp.enable']) == {
        'feature.presence.enabled': '1', 'sec.srtp.mki.length': '1', 'reg.12.srtp.enable': '0'}
    assert result['parameters']['voIpProt.server.1.transport']['value'] == 'TLS'
    assert all(result['parameters'][name]['source'] == 'web' for name in result['changes']), result['parameters']  # config/set

    rc, output, result = phone.play(MANY)
    assert rc == 0 and result['changed'] is False and result['changes'] == [] and result['requests'] == 0, output
    assert phone.sets() == 2, 'the second run wrote nothing'

    changed = dict(MANY, **{'voIpProt.server.1.transport': 'TCPOnly'})
    rc, output, result = phone.play(changed)
    assert result['changes'] == ['voIpProt.server.1.transport'] and result['requests'] == 1 and phone.sets() == 3, output


def test_check_mode_predicts_exactly_what_the_real_run_writes_and_writes_nothing(phone):
    phone.play(SHARED)
    wanted = dict(SHARED, **{'voIpProt.server.1.address': 'pool2.example.com', 'reg.1.telephony': '0'})
    before = phone.sets()
    rc, output, predicted = phone.play(wanted, check=True, diff=True)
    assert rc == 0 and predicted['changed'] and phone.sets() == before, output
    assert predicted['diff'] == {'before': {'reg.1.telephony': '', 'voIpProt.server.1.address': 'lyncpool.example.com'},
                                 'after': {'reg.1.telephony': '0', 'voIpProt.server.1.address': 'pool2.example.com'}}
    rc, output, real = phone.play(wanted)
    assert rc == 0 and real['changes'] == predicted['changes'] == ['reg.1.telephony', 'voIpProt.server.1.address'], output
    assert phone.sets() == before + 1


def test_an_empty_value_clears_a_parameter_typed_or_not_and_a_second_run_changes_nothing(phone):
    phone.play({'voIpProt.server.1.transport': 'TCPOnly', 'feature.presence.enabled': '0'})
    cleared = {'voIpProt.server.1.transport': '', 'feature.presence.enabled': '', 'reg.7.label': ''}
    before = phone.sets()
    rc, output, predicted = phone.play(cleared, check=True, diff=True)
    assert rc == 0 and predicted['changes'] == ['feature.presence.enabled', 'voIpProt.server.1.transport'], output
    assert predicted['diff'] == {'before': {'feature.presence.enabled': '0', 'voIpProt.server.1.transport': 'TCPOnly'},
                                 'after': {'feature.presence.enabled': '', 'voIpProt.server.1.transport': ''}}
    assert phone.sets() == before, 'check mode writes nothing; reg.7.label is set by nothing (Source default): already clear'
    rc, output, real = phone.play(cleared)
    assert rc == 0 and real['changes'] == predicted['changes'] and real['requests'] == 1 and phone.sets() == before + 1, output
    assert phone.running(list(cleared)) == {'voIpProt.server.1.transport': '', 'feature.presence.enabled': '', 'reg.7.label': None}
    rc, output, again = phone.play(cleared)
    assert rc == 0 and again['changed'] is False and phone.sets() == before + 1, output


def test_secrets_are_compared_but_never_shown_even_with_diff_at_vvvv(phone):
    wanted = {'reg.1.address': 'sip:jsmith@example.com', 'reg.1.auth.userId': 'jsmith', 'reg.1.auth.password': SECRET,
              'reg.1.auth.domain': 'EXAMPLE'}
    rc, output, result = phone.play(wanted, diff=True, verbosity=4)
    assert rc == 0 and result['changed'], output
    assert SECRET not in output and SECRET not in json.dumps(result)
    assert result['diff']['after']['reg.1.auth.password'] == '******** (changed)'
    assert result['parameters']['reg.1.auth.password']['value'] == '********'
    assert phone.running(['reg.1.auth.password']) == {'reg.1.auth.password': SECRET}, 'the phone got the real value'
    rc, output, result = phone.play(wanted, diff=True, verbosity=4)
    assert result['changed'] is False and SECRET not in output, 'the same secret again: compared equal, nothing written'
    rc, output, result = phone.play(dict(wanted, **{'reg.1.auth.password': SECRET + 'x'}), check=True, diff=True, verbosity=4)
    assert result['changes'] == ['reg.1.auth.password'] and SECRET not in output


@pytest.mark.parametrize('parameters, expected', [
    ({'voIpProt.server.1.transport': 'UDP'}, 'voIpProt.server.1.transport = \'UDP\': must be one of DNSnaptr, TCPpreferred, UDPOnly, TLS, TCPOnly'),
    ({'sec.srtp.mki.length': 9}, 'sec.srtp.mki.length = 9: must be an integer from 1 to 4'),
    ({'feature.presence.enabled': 'yes'}, 'feature.presence.enabled = \'yes\': must be 0 or 1'),
    ({'reg.1.address': 'jsmith@example.com'}, 'reg.1.address'),
    ({'volpProt.server.1.address': 'pool.example.com'}, 'volpProt.server.1.address: no UC Software parameter family "volpProt"'),
    ({'reg.1.auth.password': ['a', 'list']}, 'reg.1.auth.password = ********'),
    ({'bad name!': '1'}, "parameter name 'bad name!' is not a UC Software parameter name"),
    ({}, 'give at least one parameter'),
])
def test_bad_input_is_refused_naming_the_parameter_before_any_request(phone, parameters, expected):
    rc, output, result = phone.play(parameters)
    assert result.get('failed') and 'nothing was sent to the phone' in result['msg'] and expected in result['msg'], result
    assert phone.rest.stats(PHONE)['requests'] == 0, 'no request at all, not even a read'


def test_a_busy_phone_is_asked_again_and_other_status_codes_fail_with_their_meaning(phone):
    phone.rest.control(PHONE, 'POST', '/_lab/faults', {'faults': [
        {'kind': 'api_status', 'api_status': '4001', 'count': 2, 'endpoint': '/api/v1/mgmt/config/set'}]})
    rc, output, result = phone.play(SHARED)
    assert rc == 0 and result['changed'] and not result.get('failed'), output
    assert phone.sets() == 3, 'busy twice, then written'

    phone.rest.control(PHONE, 'POST', '/_lab/faults', {'faults': [
        {'kind': 'api_status', 'api_status': '5000', 'endpoint': '/api/v1/mgmt/config/set'}]})
    rc, output, result = phone.play(dict(SHARED, **{'voIpProt.server.1.transport': 'TCPOnly'}))
    assert result.get('failed') and 'answered Status 5000' in result['msg'] and 'failed to process' in result['msg'], result
    assert 'the request set voIpProt.server.1.transport' in result['msg']


def test_a_second_request_that_fails_says_how_much_the_first_applied(phone):
    phone.rest.control(PHONE, 'POST', '/_lab/faults', {'faults': [
        {'kind': 'api_status', 'api_status': '4003', 'endpoint': '/api/v1/mgmt/config/set'}]})
    # the first config/set takes the fault: nothing applied
    rc, output, result = phone.play(MANY)
    assert result.get('failed') and 'operation not allowed' in result['msg'] and 'earlier requests' not in result['msg'], result
    phone.rest.factory()
    phone.rest.control(PHONE, 'POST', '/_lab/faults', {'faults': [  # the first config/set passes (slow 0 s), the second is refused
        {'kind': 'slow', 'delay': 0, 'endpoint': '/api/v1/mgmt/config/set'},
        {'kind': 'api_status', 'api_status': '4003', 'endpoint': '/api/v1/mgmt/config/set'}]})
    rc, output, result = phone.play(MANY)
    assert result.get('failed') and '(20 parameters of earlier requests were applied)' in result['msg'], result


def test_a_phone_that_drops_connections_or_answers_503_is_retried(phone):
    phone.rest.control(PHONE, 'POST', '/_lab/faults', {'faults': [
        {'kind': 'drop', 'endpoint': '/api/v1/mgmt/config/get'},
        {'kind': 'status', 'status': 503, 'retry_after': 0, 'endpoint': '/api/v1/mgmt/config/set'}]})
    rc, output, result = phone.play(SHARED)
    assert rc == 0 and result['changed'] and not result.get('failed'), output
    assert phone.running(['voIpProt.server.1.transport']) == {'voIpProt.server.1.transport': 'TLS'}


def test_secret_parameters_are_no_log_and_treated_as_secrets_whatever_their_name(phone):
    plain = {'reg.1.address': 'sip:jsmith@example.com', 'reg.1.auth.userId': 'jsmith', 'reg.1.auth.domain': 'EXAMPLE'}
    hidden = {'reg.1.auth.password': SECRET, 'device.prov.serverName': 'Prov-Host-Secret-5'}
    rc, output, result = phone.play(plain, secret_parameters=hidden, diff=True, verbosity=4)
    assert rc == 0 and result['changed'] and not [w for w in result.get('warnings', []) if 'secret_parameters' in w], output
    for value in hidden.values():
        assert value not in output and value not in json.dumps(result)
    assert result['diff']['after']['device.prov.serverName'] == '******** (changed)'
    assert result['parameters']['device.prov.serverName']['value'] == '********'
    assert phone.running(hidden) == hidden
    rc, output, result = phone.play(plain, secret_parameters=hidden)
    assert result['changed'] is False, 'compared equal: nothing written'


def test_a_secret_in_parameters_works_but_warns_and_a_name_given_twice_is_refused(phone):
    rc, output, result = phone.play({'reg.1.auth.password': SECRET})
    assert rc == 0 and result['changed'] and SECRET not in output
    assert any('reg.1.auth.password is a secret; give it in secret_parameters' in w for w in result['warnings'])
    rc, output, result = phone.play({'reg.1.auth.password': 'Pw-A-1234'}, secret_parameters={'reg.1.auth.password': 'Pw-B-5678'})
    assert result.get('failed') and 'in both parameters and secret_parameters' in result['msg']
    assert phone.rest.stats(PHONE)['by_endpoint'].get('POST /api/v1/mgmt/config/set') == 1, 'the refused run sent nothing'
