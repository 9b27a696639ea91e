"""The HTTP entry points the lab's emulators share (tests/lab/labkit.py DeviceHandler, stop_servers, fault helpers),
driven over a real socket (plain HTTP: TLS is TLSDeviceServer's part, tested through the emulators)."""
import http.client
import json
import logging
import os
import socket
import sys
import threading
from http.server import ThreadingHTTPServer

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'tests', 'lab'))

import labkit  # noqa: E402 pylint: disable=wrong-import-position


class EchoHandler(labkit.DeviceHandler):
    """A device with one folder, /dev/: answers what it was asked; /dev/drop drops; a body 'refuse' is refused."""

    server_version = 'EchoWeb/2.0'
    sys_version = ''
    not_found = {'error': 'NOPE'}

    def read_request(self):
        raw = labkit.read_content(self)
        if raw == b'refuse':
            self._send(400, {'error': 'REFUSED'})
            return None
        return (labkit.parse_json(raw),)

    def route(self, path):
        return self._device if path.startswith('/dev/') else None

    def _device(self, path, body):
        if path == '/dev/drop':
            raise labkit.DropConnection()
        self._send(200, {'method': self.command, 'path': path, 'body': body}, [('X-Lab', '1')])


class PlainServer(ThreadingHTTPServer):
    daemon_threads = True
    label = 'echo'
    log = logging.getLogger('test-labkit-http')


@pytest.fixture
def echo():
    server = PlainServer(('127.0.0.1', 0), EchoHandler)
    thread = labkit.serve_in_thread(server, 'echo')
    yield server.server_address[1]
    labkit.stop_servers([server], True)
    thread.join(5)


def ask(port, method, path, body=None):
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
    try:
        conn.request(method, path, body=body)
        answer = conn.getresponse()
        data = answer.read()
        return answer.status, dict(answer.getheaders()), json.loads(data) if data else None
    finally:
        conn.close()


@pytest.mark.parametrize('method', ['GET', 'POST', 'PUT', 'DELETE'])
def test_every_verb_goes_to_the_route_with_the_path_without_its_query_and_the_parsed_body(echo, method):
    status, headers, answer = ask(echo, method, '/dev/x?debug=1', body=b'{"a": 1}')
    assert status == 200 and answer == {'method': method, 'path': '/dev/x', 'body': {'a': 1}}
    assert headers['X-Lab'] == '1' and headers['Content-Type'] == 'application/json'


def test_a_verb_the_device_does_not_take_is_refused_by_the_http_server(echo):
    conn = http.client.HTTPConnection('127.0.0.1', echo, timeout=5)
    conn.request('PATCH', '/dev/x')
    status = conn.getresponse().status
    conn.close()
    assert status == 501, 'only the verbs a handler lists are dispatched'


def test_a_path_no_route_takes_gets_404_with_the_devices_own_body(echo):
    assert ask(echo, 'GET', '/elsewhere')[::2] == (404, {'error': 'NOPE'})


def test_read_request_that_answered_ends_the_request(echo):
    assert ask(echo, 'POST', '/dev/x', body=b'refuse')[::2] == (400, {'error': 'REFUSED'})


def test_drop_connection_ends_the_connection_without_an_answer(echo):
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        ask(echo, 'GET', '/dev/drop')
    assert ask(echo, 'GET', '/dev/after')[0] == 200, 'the server goes on serving'


def test_the_server_header_is_the_product_alone_without_a_sys_version(echo):
    assert ask(echo, 'GET', '/dev/x')[1]['Server'] == 'EchoWeb/2.0'

    class Default(EchoHandler):
        sys_version = 'Python/3.x'
    assert Default.version_string(Default.__new__(Default)) == 'EchoWeb/2.0 Python/3.x'


class Device:
    def __init__(self, available):
        self.available, self.lock, self.stats = available, threading.Lock(), {'rejected_while_restarting': 0}


def test_a_restarting_device_counts_the_request_and_drops_it():
    device = Device(available=False)
    with pytest.raises(labkit.DropConnection):
        labkit.drop_while_restarting(device)
    assert device.stats['rejected_while_restarting'] == 1
    up = Device(available=True)
    labkit.drop_while_restarting(up)
    assert up.stats['rejected_while_restarting'] == 0


def test_retry_after_only_when_the_fault_asks_for_it():
    assert labkit.retry_after({'status': 503, 'retry_after': 2}) == [('Retry-After', '2')]
    assert labkit.retry_after({'status': 503, 'retry_after': 0}) == [('Retry-After', '0')]
    assert labkit.retry_after({'status': 503, 'retry_after': None}) == []
    assert labkit.retry_after({'status': 429}) == []


def test_stop_servers_stops_running_ones_and_closes_ones_that_never_served():
    running = [PlainServer(('127.0.0.1', port), EchoHandler) for port in (0, 0, 0)]
    threads = [labkit.serve_in_thread(server, 'echo') for server in running]
    idle = PlainServer(('127.0.0.1', 0), EchoHandler)
    labkit.stop_servers(running, True)
    labkit.stop_servers([idle], False)  # shutdown() would wait forever for a loop that never started
    for thread in threads:
        thread.join(5)
        assert not thread.is_alive()
    for server in running + [idle]:
        probe = socket.socket()
        try:
            with pytest.raises(OSError):
                probe.connect(server.server_address)
        finally:
            probe.close()


class JournalDevice(labkit.SessionDevice):
    def __init__(self):
        self.lock, self.stats, self.journal = threading.Lock(), {'logouts': 0}, []
        self.sessions = labkit.RestSessions(max_sessions=2, idle_seconds=300)

    def logged_out(self):
        self.journal.append('logout')


def test_a_session_device_touches_and_logs_out_live_sessions_only():
    device = JournalDevice()
    sid = device.sessions.open()
    assert device.touch_session(sid) and not device.touch_session('stale') and not device.touch_session(None)
    assert device.logout(sid) and device.stats['logouts'] == 1 and device.journal == ['logout']
    assert not device.logout(sid) and device.stats['logouts'] == 1 and device.journal == ['logout'], 'a second logout is none'
    assert not device.touch_session(sid)


def test_a_listener_that_never_ran_closes_so_the_real_start_error_is_the_one_reported():
    import group_series_emulator  # pylint: disable=import-outside-toplevel
    listener = group_series_emulator._Listener('127.0.0.1', 0, lambda conn: None, 'never-started')  # pylint: disable=protected-access
    listener.close()  # joining a thread that never started would raise RuntimeError and hide the bind error before it
    assert listener.sock.fileno() == -1
