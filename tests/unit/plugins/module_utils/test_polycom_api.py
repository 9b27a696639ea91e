"""The command-channel client: parsing the Integrator Reference Guide's answers, telnet framing, retries on dropped sessions."""
import socket

import pytest

from ansible_collections.polycom.uc.plugins.module_utils import polycom_api
from ansible_collections.polycom.uc.plugins.module_utils.polycom_api import (
    DO, DONT, ECHO, IAC, SB, SE, WILL, WONT, ApiCommandError, ApiDropped, ApiError, ApiSession, _TelnetTransport,
    answer_lines, errors_in, parse_banner, parse_dualmonitor, parse_presentation, parse_systemname, parse_word, quote, split_lines,
)

BANNER = (
    '\r\nHi, my name is : Boardroom 4.12\r\n'
    'Here is what I know about myself:\r\n'
    'Model:            Group500\r\n'
    'Serial Number:    8215160F19A1B2\r\n'
    'Brand:            Polycom\r\n'
    'Software Version: Release 6.2.2.8-670021\r\n'
    'Build Information: root on bldsvr\r\n'
    'Local Time is: Wed, 25 Nov 2026 10:00:00\r\n'
    'H323 Enabled:     True\r\n'
    '-> '
)


def test_banner():
    assert parse_banner(BANNER) == {'systemName': 'Boardroom 4.12', 'model': 'Group500', 'serialNumber': '8215160F19A1B2',
                                    'softwareVersion': 'Release 6.2.2.8-670021'}
    assert parse_banner('Hi, my name is :   \r\n-> ') == {'systemName': ''}


def test_answer_lines_drop_prompts_blank_lines_and_an_echo():
    assert split_lines('configpresentation monitor1:all\r\n\r\n-> ') == ['configpresentation monitor1:all']
    assert answer_lines('configpresentation monitor1 get\r\nconfigpresentation monitor1:all\r\n-> ', 'configpresentation monitor1 get') == [
        'configpresentation monitor1:all']
    assert answer_lines('-> dualmonitor no\n-> ', 'dualmonitor get') == ['dualmonitor no']


@pytest.mark.parametrize('lines, monitor, value', [
    (['configpresentation monitor1:near-or-far'], 'monitor1', 'near-or-far'),
    (['configpresentation monitor1:all', 'configpresentation monitor2:content-or-far'], 'monitor2', 'content-or-far'),
    (['configpresentation monitor1 far succeeded'], 'monitor1', 'far'),
    (['configpresentation monitor1 "far" monitor2 "content-or-far" succeeded'], 'monitor2', 'content-or-far'),
    (['CONFIGPRESENTATION Monitor1:All'], 'monitor1', 'all'),
])
def test_configpresentation(lines, monitor, value):
    assert parse_presentation(lines, monitor) == value


def test_configpresentation_missing_monitor_is_an_error():
    with pytest.raises(ApiError, match='no monitor2 profile'):
        parse_presentation(['configpresentation monitor1:all'], 'monitor2')


def test_other_answers():
    assert parse_dualmonitor(['dualmonitor yes']) is True
    assert parse_dualmonitor(['dualmonitor no']) is False
    assert parse_systemname(['systemname "Room 4.12 \u2013 Nord"']) == u'Room 4.12 \u2013 Nord'
    assert parse_systemname(['systemname Room']) == 'Room'
    assert parse_word(['serialnum 8215160F19A1B2'], 'serialnum') == '8215160F19A1B2'
    assert parse_word(['version "release 6.2.2.8-670021"'], 'version') == 'release 6.2.2.8-670021'
    with pytest.raises(ApiError):
        parse_dualmonitor(['error: command has illegal parameters'])


def test_error_lines_and_quoting():
    assert errors_in(['error: command not found']) == ['error: command not found']
    assert errors_in(['Error: Permission Denied', 'systemname "x"']) == ['Error: Permission Denied']
    assert quote('Room 4') == '"Room 4"'
    for bad in ('say "hi"', 'two\nlines', 'cr\r'):
        with pytest.raises(ApiError):
            quote(bad)


class FakeSocket(object):
    def __init__(self, chunks):
        self.chunks, self.sent = list(chunks), b''

    def recv(self, _size):
        return self.chunks.pop(0) if self.chunks else b''

    def sendall(self, data):
        self.sent += data


def telnet(chunks):
    transport = _TelnetTransport.__new__(_TelnetTransport)
    transport.sock, transport.pending = FakeSocket(chunks), b''
    return transport


def test_telnet_negotiation_is_stripped_and_answered():
    transport = telnet([bytes([IAC, WILL, ECHO, IAC, WILL, 3, IAC, DO, 24]) + b'Password: '])
    assert transport.read() == 'Password: '
    assert transport.sock.sent == bytes([IAC, DO, ECHO, IAC, DO, 3, IAC, WONT, 24])


def test_telnet_commands_split_across_reads_and_escaped_iac():
    transport = telnet([b'ab' + bytes([IAC]), bytes([WILL, 5]) + b'cd' + bytes([IAC, IAC]) + bytes([IAC, SB, 24, 1, IAC, SE]) + b'e'])
    assert transport.read() == 'ab'
    assert transport.read() == 'cd\ufffde'
    assert transport.sock.sent == bytes([IAC, DONT, 5])
    assert transport.read() is None


def test_telnet_write_escapes_iac():
    transport = telnet([])
    transport.write('x')
    assert transport.sock.sent == b'x'


class ScriptedTransport(object):
    """Plays one session: the banner, then an answer per command; ``drop_after`` commands it closes instead."""

    def __init__(self, log, answers, drop_after=None):
        self.log, self.answers, self.drop_after = log, answers, drop_after
        self.out = [BANNER]
        self.commands = 0

    def write(self, text):
        self.log.append(text)
        if text.strip() in ('exit', 'reboot now'):
            self.out.append(None)
            return
        self.commands += 1
        if self.drop_after is not None and self.commands > self.drop_after:
            self.out.append(None)
            return
        self.out.append(self.answers.get(text.strip(), 'error: command not found') + '\r\n-> ')

    def read(self):
        if not self.out:
            raise socket.timeout()
        return self.out.pop(0)

    def close(self):
        pass


def session_with(monkeypatch, plans, answers):
    """An ApiSession whose n-th login gets a ScriptedTransport that drops after plans[n] commands (None: never)."""
    log, plans = [], list(plans)

    def fake_ssh(*_args, **_kwargs):
        return ScriptedTransport(log, answers, plans.pop(0) if plans else None)

    monkeypatch.setattr(polycom_api, '_SshTransport', fake_ssh)
    monkeypatch.setattr(polycom_api, 'HAS_PARAMIKO', True)
    return ApiSession('192.0.2.5', transport='ssh', password='S3cret!', timeout=1, retries=2, interval=0, backoff=0), log


def test_a_dropped_session_is_renewed_and_the_command_repeated(monkeypatch):
    answers = {'configpresentation monitor1 get': 'configpresentation monitor1:far', 'dualmonitor get': 'dualmonitor no'}
    session, log = session_with(monkeypatch, [1, None], answers)
    with session:
        assert session.banner['model'] == 'Group500'
        assert session.command('configpresentation monitor1 get') == ['configpresentation monitor1:far']
        assert session.command('dualmonitor get') == ['dualmonitor no']
    assert session.sessions == 2
    assert log == ['configpresentation monitor1 get\r\n', 'dualmonitor get\r\n', 'dualmonitor get\r\n', 'exit\r\n']


def test_a_session_that_keeps_dropping_is_reported_without_the_password(monkeypatch):
    session, _log = session_with(monkeypatch, [0, 0, 0, 0], {})
    with pytest.raises(ApiError) as failure:
        with session:
            session.command('systemname set "x"')
    assert 'unanswered after 3 attempts' in str(failure.value) and 'S3cret!' not in str(failure.value)


def test_error_lines_raise_with_the_command(monkeypatch):
    session, _log = session_with(monkeypatch, [None], {'configpresentation monitor1 bogus': 'error: command has illegal parameters'})
    with session:
        with pytest.raises(ApiCommandError, match='illegal parameters') as failure:
            session.command('configpresentation monitor1 bogus')
        assert failure.value.command == 'configpresentation monitor1 bogus'
        assert session.command('nonsense', check=False) == ['error: command not found']


def test_reboot_is_sent_once_and_never_repeated(monkeypatch):
    session, log = session_with(monkeypatch, [None], {})
    with session:
        session.reboot()
    assert log == ['reboot now\r\n'] and session.sessions == 1


def test_commands_are_paced(monkeypatch):
    session, _log = session_with(monkeypatch, [None], {'dualmonitor get': 'dualmonitor no'})
    session.interval = 0.05
    slept = []
    monkeypatch.setattr(polycom_api.time, 'sleep', slept.append)
    with session:
        session.command('dualmonitor get')
        session.command('dualmonitor get')
    assert len(slept) >= 2 and all(0 < s <= 0.05 for s in slept)


def test_unknown_transport_is_refused():
    with pytest.raises(ApiError, match='ssh, telnet'):
        ApiSession('192.0.2.5', transport='rlogin')


def test_drop_is_an_api_error():
    assert issubclass(ApiDropped, ApiError)
