"""ucs_rest.py without a phone: chunking, busy retries, Status meanings, line normalisation, the catalogue checks."""
import pytest

from ansible_collections.polycom.uc.plugins.module_utils import ucs_rest
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomError


class FakeClient(object):
    """Answers queued per path; records every request."""
    base_url = 'https://phone'

    def __init__(self, answers=None):
        self.answers, self.sent = answers or {}, []

    def request(self, method, path, body=None):
        self.sent.append((method, path, body))
        queue = self.answers.get(path)
        if queue:
            return queue.pop(0)
        if path.endswith('config/get'):
            return {'Status': '2000', 'data': dict((n, {'Value': 'v-' + n, 'Source': 'default'}) for n in body['data'])}
        return {'Status': '2000'}


def no_sleep(_seconds):
    return None


def test_every_call_is_labelled_with_a_source():
    for name, api in ucs_rest.PHONE_API.items():
        assert api.method in ('GET', 'POST') and api.path.startswith('/api/v') and api.label in ('doc', 'capture', 'inferred'), name
        assert api.source, name
    assert all(label in ('doc', 'capture', 'inferred') for label, _meaning in ucs_rest.SOURCES.values())


def test_config_get_and_set_never_send_more_than_20_parameters():
    client = FakeClient()
    names = ['reg.%d.telephony' % n for n in range(1, 46)]
    values = ucs_rest.config_get(client, names)
    assert len(values) == 45 and values['reg.7.telephony'] == {'value': 'v-reg.7.telephony', 'source': 'default'}
    groups = ucs_rest.config_set(client, dict((n, '1') for n in names))
    sizes = [len(body['data']) for _m, _p, body in client.sent]
    assert sizes == [20, 20, 5, 20, 20, 5] and [len(g) for g in groups] == [20, 20, 5]


def test_busy_is_asked_again_then_reported_with_its_meaning():
    path = ucs_rest.PHONE_API['line_info'].path
    client = FakeClient({path: [{'Status': '4001'}, {'Status': '4001'}, {'Status': '2000', 'data': []}]})
    assert ucs_rest.call(client, 'line_info', busy_retries=2, sleep=no_sleep) == []
    client = FakeClient({path: [{'Status': '4001'}] * 3})
    with pytest.raises(PolycomError) as failure:
        ucs_rest.call(client, 'line_info', busy_retries=2, sleep=no_sleep)
    assert 'Status 4001' in str(failure.value) and 'device busy' in str(failure.value) and 'after 3 tries' in str(failure.value)
    assert len(client.sent) == 3


def test_a_refused_second_request_names_its_parameters_and_what_was_applied():
    path = ucs_rest.PHONE_API['config_set'].path
    client = FakeClient({path: [{'Status': '2000'}, {'Status': '4009'}]})
    with pytest.raises(PolycomError) as failure:
        ucs_rest.config_set(client, dict(('reg.%d.telephony' % n, '1') for n in range(1, 31)))
    text = str(failure.value)
    assert 'input size limit exceeded' in text and '20 parameters of earlier requests were applied' in text and 'reg.9.telephony' in text


def test_lines_are_normalised_and_sorted():
    path = ucs_rest.PHONE_API['line_info'].path
    client = FakeClient({path: [{'Status': '2000', 'data': [
        {'LineNumber': '2', 'SIPAddress': 'b', 'RegistrationStatus': 'unregistered'},
        {'LineNumber': '1', 'SIPAddress': 'sip:a@example.com', 'RegistrationStatus': 'Registered', 'UserID': 'a'}]}]})
    lines = ucs_rest.read_lines(client)
    assert [(line['line'], line['registered'], line['status']) for line in lines] == [(1, True, 'registered'), (2, False, 'unregistered')]


def test_values_are_checked_with_the_lync_catalogue_and_secrets_masked():
    texts, problems, warnings = ucs_rest.checked_values({'feature.presence.enabled': True, 'sec.srtp.mki.length': 3,
                                                         'voIpProt.server.1.transport': 'UDP', 'reg.1.auth.password': 7,
                                                         'up.backlight.idleIntensity': '1'})
    assert texts == {'feature.presence.enabled': '1', 'sec.srtp.mki.length': '3', 'reg.1.auth.password': '7',
                     'up.backlight.idleIntensity': '1'}
    assert problems == ["parameters: voIpProt.server.1.transport = 'UDP': must be one of DNSnaptr, TCPpreferred, UDPOnly, TLS, TCPOnly"]
    assert len(warnings) == 1 and 'up.backlight.idleIntensity' in warnings[0]
    diff = ucs_rest.config_diff(['reg.1.auth.password'], texts, {'reg.1.auth.password': {'value': 'old', 'source': 'web'}})
    assert diff == {'before': {'reg.1.auth.password': '********'}, 'after': {'reg.1.auth.password': '******** (changed)'}}
    assert ucs_rest.masked_config({'reg.1.auth.password': {'value': 'x', 'source': 'web'}})['reg.1.auth.password']['value'] == '********'


def test_an_empty_value_clears_any_parameter_and_is_met_by_no_configuration_setting_it():
    texts, problems, _warnings = ucs_rest.checked_values({'feature.presence.enabled': '', 'voIpProt.server.1.address': '', 'bad name': ''})
    assert texts == {'feature.presence.enabled': '', 'voIpProt.server.1.address': ''}
    assert problems == ["parameters: parameter name 'bad name' is not a UC Software parameter name (letters, digits, \"_\", \"-\", \".\")"]
    current = {'a.b': {'value': '1', 'source': 'default'}, 'a.c': {'value': '', 'source': 'web'}, 'a.d': {'value': '1', 'source': 'configFile'}}
    assert ucs_rest.differences({'a.b': '', 'a.c': '', 'a.d': '', 'a.e': ''}, current) == ['a.d', 'a.e']
    assert ucs_rest.differences({'a.b': '1', 'a.d': '0'}, current) == ['a.d']
