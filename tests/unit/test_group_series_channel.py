"""The command channel's one retry policy and the Group Series settings' commands (polycom_api), without a device."""
import socket

import pytest

from ansible_collections.polycom.uc.plugins.module_utils import polycom_api
from ansible_collections.polycom.uc.plugins.module_utils.group_series import GS_SETTINGS
from ansible_collections.polycom.uc.plugins.module_utils.polycom_api import (
    CHANNEL_SETTINGS, ApiAuthError, ApiError, ApiSession, jittered_backoff, read_settings, write_commands, write_settings,
)

BANNER = 'Hi, my name is : Room\r\nModel: Group500\r\nSoftware Version: Release 6.2.2.8-670021\r\n-> '


def test_the_backoff_waits_nothing_first_then_full_jitter_below_a_growing_cap(monkeypatch):
    caps = []
    monkeypatch.setattr(polycom_api.random, 'uniform', lambda low, high: caps.append((low, high)) or high)
    assert list(jittered_backoff(4, 0.5, max_delay=3)) == [0, 0.5, 1.0, 2.0, 3]
    assert caps == [(0, 0.5), (0, 1.0), (0, 2.0), (0, 3)]
    waits = list(jittered_backoff(50, 0.5))
    assert len(waits) == 51 and all(0 <= wait <= polycom_api.MAX_DELAY for wait in waits)


class Channel(object):
    """A transport that plays the banner and answers from a dict; ``drops`` logins fail before the banner."""

    def __init__(self, log, answers):
        self.log, self.answers, self.out = log, answers, [BANNER]

    def write(self, text):
        self.log.append(text.strip())
        self.out.append(None if text.strip() == 'exit' else self.answers.get(text.strip(), 'error: command not found') + '\r\n-> ')

    def read(self):
        if not self.out:
            raise socket.timeout()
        return self.out.pop(0)

    def close(self):
        pass


def session(monkeypatch, answers, drops=0, refuse=False, retries=2):
    log, attempts = [], []

    def connect(*_args, **_kwargs):
        attempts.append(1)
        if refuse:
            raise ApiAuthError('refused')
        if len(attempts) <= drops:
            raise socket.error('connection reset')
        return Channel(log, answers)

    monkeypatch.setattr(polycom_api, '_SshTransport', connect)
    monkeypatch.setattr(polycom_api, 'HAS_PARAMIKO', True)
    return ApiSession('192.0.2.5', password='S3cret!', timeout=1, retries=retries, interval=0, backoff=0.4), log, attempts


def test_logins_wait_the_policy_between_attempts_and_give_up_naming_the_attempts(monkeypatch):
    slept = []
    monkeypatch.setattr(polycom_api.time, 'sleep', slept.append)
    monkeypatch.setattr(polycom_api.random, 'uniform', lambda low, high: high)
    api, _log, attempts = session(monkeypatch, {}, drops=2)
    api.open()
    assert len(attempts) == 3 and slept == [0.4, 0.8]
    api.close()
    slept[:] = []
    api, _log, attempts = session(monkeypatch, {}, drops=9)
    with pytest.raises(ApiError, match='no command-channel session after 3 attempts') as failure:
        api.open()
    assert 'S3cret!' not in str(failure.value) and slept == [0.4, 0.8]


def test_a_refused_password_is_never_retried(monkeypatch):
    monkeypatch.setattr(polycom_api.time, 'sleep', lambda _s: pytest.fail('no wait after a refusal'))
    api, _log, attempts = session(monkeypatch, {}, refuse=True)
    with pytest.raises(ApiAuthError):
        api.open()
    assert len(attempts) == 1


ANSWERS = {
    'systemname get': 'systemname "Room 4"',
    'configpresentation monitor1 get': 'configpresentation monitor1:near',
    'configpresentation monitor2 get': 'configpresentation monitor2:content',
    'dualmonitor get': 'dualmonitor no',
}


def test_every_channel_setting_of_the_table_has_its_command_and_is_read_in_one_get_each(monkeypatch):
    assert set(CHANNEL_SETTINGS) == set(s.name for s in GS_SETTINGS.settings)
    api, log, _attempts = session(monkeypatch, ANSWERS)
    with api:
        assert read_settings(api, ['monitor2', 'dual_monitor', 'config.x']) == {'monitor2': 'content', 'dual_monitor': 'false'}
        assert read_settings(api, CHANNEL_SETTINGS) == {'system_name': 'Room 4', 'monitor1': 'near', 'monitor2': 'content',
                                                        'dual_monitor': 'false'}
    assert log[:2] == ['configpresentation monitor2 get', 'dualmonitor get'] and log[-1] == 'exit'


def test_writes_name_then_dual_monitor_then_both_profiles_in_one_command_and_read_back(monkeypatch):
    changes = {'monitor2': 'content-or-far', 'system_name': 'Room 5', 'monitor1': 'near-or-far', 'dual_monitor': 'true',
               'config.a': 'b'}
    assert write_commands(changes) == ['systemname set "Room 5"', 'dualmonitor yes',
                                       'configpresentation monitor1 "near-or-far" monitor2 "content-or-far"']
    assert write_commands({'dual_monitor': 'false'}) == ['dualmonitor no']
    answers = dict(ANSWERS, **{command: command + ' succeeded' for command in write_commands(changes)})
    api, log, _attempts = session(monkeypatch, answers)
    with api:
        shown = write_settings(api, changes)
    assert log[:3] == write_commands(changes) and 'config.a' not in shown
    assert shown == {'system_name': 'Room 4', 'monitor1': 'near', 'monitor2': 'content', 'dual_monitor': 'false'}, 'what the system shows'
