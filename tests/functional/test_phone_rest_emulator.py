"""The phone REST emulator driven directly over HTTPS (no module): each rule of its docstring, from the notes' text.

A lab of its own: the share and three REST phones (one listed, two bulk), restart_seconds short."""
import base64
import http.client
import json
import os
import ssl
import time

import pytest

from conftest import Lab, free_port_offset

MAC = '0004f2e0a501'
PASSWORD = 'Emu-Phone-Pw-1'
CONFIG = {
    'host': '127.0.0.1', 'devices': [],
    'share': {'root': 'share', 'ftp_port': 8421, 'https_port': 8422},
    'phone_rest': {'password': PASSWORD, 'restart_seconds': 1,
                   'phones': [{'name': 'p1', 'port': 8481, 'mac': MAC, 'model': 'VVX 500', 'firmware': '5.9.7.3480'}],
                   'bulk': {'count': 2, 'base_port': 8490, 'mac_prefix': '0004f2c0'}},
}
MASTER = ('<?xml version="1.0"?><APPLICATION APP_FILE_PATH="sip.ld" CONFIG_FILES="[PHONE_MAC_ADDRESS]-lync.cfg, shared.cfg" '
          'LOG_FILE_DIRECTORY="logs" OVERRIDES_DIRECTORY="overrides"/>')
SHARED = ('<?xml version="1.0"?><c><v voIpProt.server.1.address="pool.example.com" voIpProt.server.1.transport="TLS" '
          'voIpProt.server.1.specialInterop="lync2010" feature.presence.enabled="1"/></c>')
PHONE_FILE = ('<?xml version="1.0"?><c><v reg.1.address="sip:jsmith@example.com" reg.1.auth.userId="jsmith" '
              'reg.1.auth.password="S3cret" reg.1.auth.domain="EX" reg.2.address="sip:desk@example.com"/></c>')


class Emu(object):
    def __init__(self, lab):
        self.lab = lab
        self.state = lab.read_state()
        self.share = self.state['services']['share']['root']
        self.phones = self.state['services']['phone_rest']['phones']

    def request(self, method, path, body=None, phone='p1', auth=('Polycom', PASSWORD)):
        context = ssl.create_default_context(cafile=self.state['ca'])
        conn = http.client.HTTPSConnection('127.0.0.1', self.phones[phone]['port'], timeout=5, context=context)
        headers = {'Content-Type': 'application/json'}
        if auth:
            headers['Authorization'] = 'Basic ' + base64.b64encode(('%s:%s' % auth).encode()).decode()
        try:
            conn.request(method, path, body=json.dumps(body).encode() if body is not None else None, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, (json.loads(data) if data else None)
        finally:
            conn.close()

    def api(self, method, name, body=None, **kwargs):
        return self.request(method, '/api/v1/mgmt/' + name, body, **kwargs)

    def control(self, method, path, body=None, phone='p1'):
        status, answer = self.request(method, path, body, phone=phone, auth=None)
        assert status == 200, (path, status, answer)
        return answer

    def write(self, name, text):
        path = os.path.join(self.share, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as handle:
            handle.write(text)

    def provision(self):
        self.write('000000000000.cfg', MASTER)
        self.write('shared.cfg', SHARED)
        self.write('%s-lync.cfg' % MAC, PHONE_FILE)

    def wait_back(self, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.control('GET', '/_lab/state')['available']:
                return
            time.sleep(0.1)
        raise AssertionError('the phone did not come back')


@pytest.fixture(scope='module')
def emu_lab(tmp_path_factory):
    lab = Lab(str(tmp_path_factory.mktemp('emulab')), CONFIG, port_offset=free_port_offset(CONFIG))
    lab.start()
    yield lab
    lab.stop()


@pytest.fixture
def emu(emu_lab):
    emulator = Emu(emu_lab)
    for name in list(os.listdir(emulator.share)):
        path = os.path.join(emulator.share, name)
        if os.path.isfile(path):
            os.unlink(path)
    for sub in ('logs', 'overrides'):
        for name in os.listdir(os.path.join(emulator.share, sub)) if os.path.isdir(os.path.join(emulator.share, sub)) else []:
            os.unlink(os.path.join(emulator.share, sub, name))
    for phone in emulator.phones:
        emulator.control('POST', '/_lab/factory', phone=phone)
        emulator.control('POST', '/_lab/boot', phone=phone)
    return emulator


def test_at_lab_start_every_phone_boots_from_the_share_an_empty_one_leaves_line_1_unregistered(emu):
    state = emu.control('GET', '/_lab/state')
    assert state['boots'] >= 1 and state['booted'] is False and state['line1_registered'] is False
    status, answer = emu.api('GET', 'lineInfo')
    assert status == 200 and answer['Status'] == '2000'
    assert answer['data'] == [{'LineNumber': '1', 'SIPAddress': '', 'RegistrationStatus': 'unregistered', 'UserID': '',
                               'Label': '', 'LineType': 'private', 'Protocol': 'SIP', 'ProxyAddress': '', 'Port': '0'}]
    assert sorted(emu.phones) == ['p1', 'vvx-bulk-001', 'vvx-bulk-002']
    assert emu.control('GET', '/_lab/state', phone='vvx-bulk-002')['mac'] == '0004f2c00002'


def test_line_info_comes_from_the_configuration_it_booted_with_until_a_safe_restart(emu):
    emu.provision()
    assert emu.api('GET', 'lineInfo')[1]['data'][0]['RegistrationStatus'] == 'unregistered', 'files changed, phone not restarted'
    boots = emu.control('GET', '/_lab/state')['boots']
    status, answer = emu.api('POST', 'safeRestart')
    assert status == 200 and answer == {'Status': '2000'}
    with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
        emu.api('GET', 'lineInfo')  # away: the connection is closed unanswered
    assert emu.control('GET', '/_lab/state')['available'] is False, 'the lab control API answers while the phone is away'
    emu.wait_back()
    state = emu.control('GET', '/_lab/state')
    assert state['boots'] == boots + 1 and state['line1_registered'] and state['config_files'] == ['%s-lync.cfg' % MAC, 'shared.cfg']
    lines = emu.api('GET', 'lineInfo')[1]['data']
    assert [(line['LineNumber'], line['SIPAddress'], line['RegistrationStatus']) for line in lines] == [
        ('1', 'sip:jsmith@example.com', 'registered'), ('2', 'sip:desk@example.com', 'unregistered')]
    assert lines[0]['UserID'] == 'jsmith' and lines[0]['ProxyAddress'] == 'pool.example.com' and 'S3cret' not in json.dumps(lines)
    stats = emu.control('GET', '/_lab/stats')
    assert stats['restarts'] == 1 and stats['by_endpoint']['POST /api/v1/mgmt/safeRestart'] == 1 and stats['unavailable'] == 1
    with open(os.path.join(emu.share, 'logs', '%s-app.log' % MAC)) as handle:
        assert 'Line 1: Registered' in handle.read(), 'the restart uploaded new logs'


def test_line_1_registers_only_when_the_lync_verdict_says_so(emu):
    emu.provision()
    emu.write('shared.cfg', SHARED.replace('TLS', 'UDPOnly'))
    answer = emu.control('POST', '/_lab/boot')
    assert answer['booted'] and answer['line1_registered'] is False
    assert 'transport is UDPOnly, Lync needs TLS' in emu.control('GET', '/_lab/state')['line1_reasons']
    assert emu.api('GET', 'lineInfo')[1]['data'][0]['RegistrationStatus'] == 'unregistered'


def test_config_get_answers_value_and_source_of_each_layer(emu):
    emu.provision()
    emu.write('overrides/%s-phone.cfg' % MAC, '<?xml version="1.0"?><c><v feature.presence.enabled="0"/></c>')
    emu.control('POST', '/_lab/boot')
    status, answer = emu.api('POST', 'config/get', {'data': ['reg.1.address', 'feature.presence.enabled', 'up.oneMoreThing']})
    assert status == 200 and answer == {'Status': '2000', 'data': {
        'reg.1.address': {'Value': 'sip:jsmith@example.com', 'Source': 'configFile'},
        'feature.presence.enabled': {'Value': '0', 'Source': 'local'},
        'up.oneMoreThing': {'Value': '', 'Source': 'default'}}}


def test_config_set_applies_at_once_survives_a_restart_and_lands_on_the_share_as_the_web_override(emu):
    emu.provision()
    emu.control('POST', '/_lab/boot')
    assert emu.api('POST', 'config/set', {'data': {'voIpProt.server.1.transport': 'TCPOnly'}})[1] == {'Status': '2000'}
    assert emu.api('POST', 'config/get', {'data': ['voIpProt.server.1.transport']})[1]['data'] == {
        'voIpProt.server.1.transport': {'Value': 'TCPOnly', 'Source': 'web'}}
    assert emu.api('GET', 'lineInfo')[1]['data'][0]['RegistrationStatus'] == 'registered', 'registration changes need a restart'
    with open(os.path.join(emu.share, 'overrides', '%s-web.cfg' % MAC)) as handle:
        assert 'voIpProt.server.1.transport="TCPOnly"' in handle.read()
    emu.api('POST', 'safeRestart')
    emu.wait_back()
    assert emu.api('POST', 'config/get', {'data': ['voIpProt.server.1.transport']})[1]['data']['voIpProt.server.1.transport']['Value'] == 'TCPOnly'
    assert emu.api('GET', 'lineInfo')[1]['data'][0]['RegistrationStatus'] == 'unregistered', 'after the restart: not TLS any more'


def test_an_empty_value_is_null_for_any_parameter_typed_or_not(emu):
    emu.provision()
    emu.control('POST', '/_lab/boot')
    data = {'voIpProt.server.1.transport': '', 'feature.presence.enabled': '', 'reg.1.address': ''}
    assert emu.api('POST', 'config/set', {'data': data})[1] == {'Status': '2000'}
    answer = emu.api('POST', 'config/get', {'data': sorted(data)})[1]['data']
    assert answer == dict((name, {'Value': '', 'Source': 'web'}) for name in data)
    assert emu.api('POST', 'config/set', {'data': {'feature.presence.enabled': ' '}})[1]['Status'] == '4000', 'only empty is Null'


@pytest.mark.parametrize('call, body', [
    ('config/get', {'data': ['a.p%d' % n for n in range(21)]}),
    ('config/set', {'data': dict(('a.p%d' % n, '1') for n in range(21))}),
])
def test_more_than_20_parameters_answer_4009_and_20_are_fine(emu, call, body):
    status, answer = emu.api('POST', call, body)
    assert status == 200 and answer['Status'] == '4009'
    twenty = {'data': body['data'][:20] if isinstance(body['data'], list) else dict(list(body['data'].items())[:20])}
    assert emu.api('POST', call, twenty)[1]['Status'] == '2000'


@pytest.mark.parametrize('data', [{'voIpProt.server.1.transport': 'UDP', 'feature.presence.enabled': '1'},
                                  {'feature.presence.enabled': 1}, {'bad name': '1'}])
def test_a_refused_config_set_answers_4000_and_applies_nothing(emu, data):
    status, answer = emu.api('POST', 'config/set', {'data': data})
    assert status == 200 and answer['Status'] == '4000'
    assert emu.control('GET', '/_lab/state')['rest_values'] == []


def test_busy_drop_503_and_endpoint_limited_faults(emu):
    emu.control('POST', '/_lab/faults', {'faults': [{'kind': 'api_status', 'api_status': '4001', 'endpoint': '/api/v1/mgmt/config/set'}]})
    assert emu.api('GET', 'lineInfo')[1]['Status'] == '2000', 'a fault for another endpoint waits'
    assert emu.api('POST', 'config/set', {'data': {'feature.presence.enabled': '1'}})[1] == {'Status': '4001'}
    assert emu.api('POST', 'config/set', {'data': {'feature.presence.enabled': '1'}})[1] == {'Status': '2000'}
    emu.control('POST', '/_lab/faults', {'faults': [{'kind': 'status', 'status': 503, 'retry_after': 1}, {'kind': 'drop'}]})
    assert emu.api('GET', 'lineInfo')[0] == 503
    with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
        emu.api('GET', 'lineInfo')
    assert emu.api('GET', 'lineInfo')[0] == 200


def test_a_phone_that_does_not_come_back(emu):
    emu.control('POST', '/_lab/faults', {'faults': [{'kind': 'no_return'}]})
    assert emu.api('GET', 'device/info')[0] == 200, 'no_return waits for a safeRestart'
    assert emu.api('POST', 'safeRestart')[1] == {'Status': '2000'}
    time.sleep(1.5)  # longer than restart_seconds
    assert emu.control('GET', '/_lab/state')['available'] is False
    with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
        emu.api('GET', 'device/info')
    emu.control('POST', '/_lab/boot')
    assert emu.api('GET', 'device/info')[0] == 200


def test_a_safe_restart_waits_for_the_call_to_end(emu):
    emu.control('POST', '/_lab/state', {'in_call': True})
    boots = emu.control('GET', '/_lab/state')['boots']
    assert emu.api('POST', 'safeRestart')[1] == {'Status': '2000'}
    time.sleep(1.2)
    state = emu.control('GET', '/_lab/state')
    assert state['available'] and state['boots'] == boots, 'a phone in a call is not interrupted'
    emu.control('POST', '/_lab/state', {'in_call': False})
    time.sleep(0.2)
    assert emu.control('GET', '/_lab/state')['available'] is False, 'the call ended: now it restarts'
    emu.wait_back()
    assert emu.control('GET', '/_lab/state')['boots'] == boots + 1


def test_basic_authentication_and_methods(emu):
    assert emu.api('GET', 'lineInfo', auth=('Polycom', 'wrong'))[0] == 401
    assert emu.api('GET', 'lineInfo', auth=None)[0] == 401
    assert emu.api('GET', 'safeRestart')[0] == 405
    assert emu.api('POST', 'lineInfo')[0] == 405
    assert emu.api('GET', 'nothing/here')[0] == 404
    assert emu.api('POST', 'config/get', {'data': 'reg.1.address'})[1]['Status'] == '4000'
