"""The shared client in Basic-auth mode (UC Software phones): credentials on every request, no session calls."""
import pytest

from ansible_collections.polycom.uc.plugins.module_utils import polycom_rest
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomAuthError, PolycomClient, PolycomError


class Answer(object):
    def __init__(self, status, body):
        self.status_code, self.text = status, body
        self.content = body.encode('utf-8')

    def json(self):
        import json
        return json.loads(self.text)


def fake(client, answers):
    sent = []

    def send(method, path, body):
        sent.append((method, path))
        return answers.pop(0)
    client._send = send
    return sent


def test_basic_mode_sends_credentials_with_the_session_and_never_logs_in():
    client = PolycomClient('phone', password='S3cret-456', auth='basic', username='Polycom')
    assert client.session.auth == ('Polycom', 'S3cret-456')
    sent = fake(client, [Answer(200, '{"Status": "2000", "data": {"ModelNumber": "VVX 500"}}')])
    with client:
        assert client.request('GET', '/api/v1/mgmt/device/info')['data']['ModelNumber'] == 'VVX 500'
    assert sent == [('GET', '/api/v1/mgmt/device/info')], 'no /rest/session login or logout'


def test_basic_mode_refusal_is_final_and_scrubbed():
    client = PolycomClient('phone', password='S3cret-456', auth='basic')
    sent = fake(client, [Answer(401, 'bad credentials S3cret-456')])
    with pytest.raises(PolycomAuthError) as error:
        client.request('GET', '/api/v1/mgmt/device/info')
    assert error.value.status == 401 and 'S3cret-456' not in str(error.value)
    assert len(sent) == 1


def test_basic_mode_keeps_the_status_of_other_errors():
    client = PolycomClient('phone', password='x', auth='basic')
    fake(client, [Answer(404, 'Not Found')])
    with pytest.raises(PolycomError) as error:
        client.request('GET', '/api/v1/mgmt/device/info')
    assert error.value.status == 404


def test_session_mode_is_the_default_and_unknown_modes_are_refused():
    assert PolycomClient('pano', password='x').session.auth is None
    with pytest.raises(ValueError):
        PolycomClient('pano', auth='digest')
    assert polycom_rest.CONNECTION_ARGSPEC['password']['no_log'] is True
