"""The lab's REST session rules (tests/lab/labkit.py RestSessions), shared by the Pano and Group Series emulators."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'lab'))

import labkit  # noqa: E402  pylint: disable=wrong-import-position


def test_a_login_takes_a_slot_until_logout_and_a_full_device_refuses_with_the_limit_answer():
    sessions = labkit.RestSessions(max_sessions=2, idle_seconds=300)
    first, second = sessions.open(), sessions.open()
    assert first and second and first != second and sessions.in_use() == 2
    assert sessions.open() is None
    assert sessions.limit_answer() == (503, {'success': False, 'error': 'SESSION_LIMIT', 'message': 'all 2 session slots are in use'})
    assert sessions.close(first) and not sessions.close(first)
    assert not sessions.touch(first) and sessions.touch(second)
    assert sessions.open() is not None and sessions.in_use() == 2


def test_an_idle_session_expires_and_a_used_one_stays(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(labkit.time, 'time', lambda: now[0])
    sessions = labkit.RestSessions(max_sessions=4, idle_seconds=10)
    idle, used = sessions.open(), sessions.open()
    now[0] += 8
    assert sessions.touch(used)
    now[0] += 8  # idle: 16 s without a request, used: 8 s
    assert not sessions.touch(idle) and sessions.touch(used) and sessions.in_use() == 1
    sessions.drop_all()
    assert sessions.in_use() == 0 and not sessions.touch(used) and not sessions.touch(None)


def test_login_answers_and_headers():
    assert labkit.login_answer('abc', 'admin', isAuthenticated=True) == {
        'success': True, 'session': {'sessionId': 'abc', 'userId': 'admin', 'role': 'ADMIN', 'isAuthenticated': True},
        'loginStatus': {'failedLogins': 0, 'loginResult': 'NOLOCKOUT'}}
    assert labkit.login_refused(3)['loginStatus'] == {'failedLogins': 3, 'loginResult': 'LOGINFAILED'}
    assert labkit.login_headers(200, 'abc') == [('Set-Cookie', 'session_id=abc; Path=/; Secure; HttpOnly')]
    assert labkit.login_headers(503, None) == [('Retry-After', '1')]
    assert labkit.login_headers(401, None) == []


class FakeDevice:
    def __init__(self):
        self.sessions = labkit.RestSessions(max_sessions=1, idle_seconds=300)
        self.sid = self.sessions.open()

    def touch_session(self, sid):
        return self.sessions.touch(sid)

    def logout(self, sid):
        self.sessions.close(sid)


def run_step(device, path, method, cookie=None):
    sent, logins = [], []
    headers = {'Cookie': 'session_id=%s' % cookie} if cookie else {}
    goes_on = labkit.session_step(lambda status, body, headers=(): sent.append((status, body)), device, headers, path, method,
                                  lambda: logins.append(path))
    return goes_on, sent, logins


def test_every_rest_call_but_login_needs_a_live_session_and_logout_frees_it():
    device = FakeDevice()
    assert run_step(device, '/rest/session', 'POST') == (False, [], ['/rest/session'])
    assert run_step(device, '/rest/system', 'GET') == (False, [(401, {'success': False, 'error': 'NOT_LOGGED_IN'})], [])
    assert run_step(device, '/rest/system', 'GET', 'wrong') == (False, [(401, {'success': False, 'error': 'NOT_LOGGED_IN'})], [])
    assert run_step(device, '/rest/system', 'GET', device.sid) == (True, [], [])
    assert run_step(device, '/rest/session', 'DELETE', device.sid) == (False, [(200, {'success': True})], [])
    assert device.sessions.in_use() == 0 and run_step(device, '/rest/system', 'GET', device.sid)[0] is False


def test_routes_answer_404_and_405_with_allow():
    sent = []

    def send(status, body, headers=()):
        sent.append((status, body['error'], list(headers)))

    routes = {'/rest/system': ('GET',), '/rest/session': ('POST', 'DELETE')}
    assert labkit.route_allowed(send, routes, '/rest/system', 'GET') and sent == []
    assert not labkit.route_allowed(send, routes, '/rest/nothing', 'GET')
    assert not labkit.route_allowed(send, routes, '/rest/session', 'GET')
    assert sent == [(404, 'NOT_FOUND', []), (405, 'METHOD_NOT_ALLOWED', [('Allow', 'POST, DELETE')])]
