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
