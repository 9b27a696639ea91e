# -*- coding: utf-8 -*-
# Copyright: (c) polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTPS plumbing the lab's emulators share (test doubles).

- make_ssl_context(), TLSDeviceServer, cut_connections(), serve_in_thread(), stop_servers(): one HTTPS server per
  emulated device;
- DeviceHandler, DropConnection: the HTTP entry points of a device (every verb to one dispatch, 404, dropped answers);
- lab_control(): the lab control API under /_lab/ that every device emulator serves;
- read_content(), parse_json(), send_body(), send_json(), session_id(): request and answer helpers;
- drop_while_restarting(), retry_after(): the fault rules the Pano and Group Series emulators share;
- RestSessions, SessionDevice, login_answer(), login_refused(), login_headers(), route_allowed(), session_step(): the REST
  session rules of the Polycom platform that the Pano and Group Series emulators share (login, session_id cookie,
  idle expiry, slot limit, logout, 401 without a session).

What differs between the emulators (answer headers, bad JSON, fault kinds) stays in them and comes in
as arguments. Standard library only; nothing from plugins/ is imported.
"""

from __future__ import annotations

import contextlib
import copy
import http.cookies
import json
import secrets
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def make_ssl_context(certfile, keyfile):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(certfile, keyfile)
    return context


class TLSDeviceServer(ThreadingHTTPServer):
    """HTTPS server of one emulated device.

    TLS is negotiated in the connection's thread, so a slow or failed handshake holds up no other client.
    Given ``connections`` (a set guarded by ``lock``), every open connection is kept there while it is
    served, so that the device can cut them when it restarts.
    """

    daemon_threads = True
    allow_reuse_address = True
    tcp_nodelay = False

    def __init__(self, address, handler, ssl_context, label, log, connections=None, lock=None):
        self.ssl_context = ssl_context
        self.label = label
        self.log = log
        self.connections = connections
        self.connections_lock = lock
        super().__init__(address, handler)

    def finish_request(self, request, client_address):
        try:
            if self.tcp_nodelay:
                request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            request.settimeout(10)
            conn = self.ssl_context.wrap_socket(request, server_side=True)
        except (OSError, ssl.SSLError) as exc:
            self.log.debug('%s: TLS handshake with %s failed: %s', self.label, client_address, exc)
            return
        try:
            with self._tracked(conn):
                self.RequestHandlerClass(conn, client_address, self)
        finally:
            try:
                conn.close()
            except OSError:
                pass

    @contextlib.contextmanager
    def _tracked(self, conn):
        if self.connections is None:
            yield
            return
        with self.connections_lock:
            self.connections.add(conn)
        try:
            yield
        finally:
            with self.connections_lock:
                self.connections.discard(conn)

    def handle_error(self, request, client_address):
        self.log.debug('%s: connection from %s ended with an error', self.label, client_address, exc_info=True)


def cut_connections(connections, keep=None):
    """Shut down the TCP side of every connection but ``keep``, as a restarting device does.

    socket.socket.shutdown, not SSLSocket.shutdown: the TLS state belongs to the threads serving them.
    """
    for conn in connections:
        if conn is keep:
            continue
        try:
            socket.socket.shutdown(conn, socket.SHUT_RDWR)
        except OSError:
            pass


def serve_in_thread(server, name):
    """Start serving in a daemon thread; returns the thread."""
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.2}, name=name, daemon=True)
    thread.start()
    return thread


def stop_servers(servers, serving):
    """Stop every server's serve_forever loop (only when ``serving``: shutdown() waits for a loop that never started),
    side by side since each waits out its poll interval, then close their sockets."""
    if serving:
        stoppers = [threading.Thread(target=server.shutdown, daemon=True) for server in servers]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join(5)
    for server in servers:
        server.server_close()


# ---------------------------------------------------------------------------
# the HTTP entry points of a device
# ---------------------------------------------------------------------------

class DropConnection(Exception):
    """Close the connection without an HTTP answer (a device that is restarting, an injected drop)."""


class DeviceHandler(BaseHTTPRequestHandler):
    """What every device emulator's HTTP handler does the same way.

    Every verb of ``verbs`` goes to dispatch(): the path without its query, the body by read_request(), the answer
    by the method route() picks, or 404 with ``not_found``. DropConnection (and a client that went away) ends the
    connection without an answer. An emulator gives read_request() (a tuple of the route's arguments after the path,
    or None when it has answered already), route() and, for other answer headers, _send(). Its rules stay in it.
    """

    protocol_version = 'HTTP/1.1'
    not_found = {'success': False, 'error': 'NOT_FOUND'}

    def version_string(self):
        """The Server header: a device with an empty sys_version names its web server alone, as real ones do."""
        return ('%s %s' % (self.server_version, self.sys_version)).strip()

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        self.server.log.debug('%s: %s', self.server.label, format % args)

    def dispatch(self):
        path = self.path.split('?', 1)[0]
        request = self.read_request()
        if request is None:
            return
        try:
            answer = self.route(path)
            if answer is None:
                self._send(404, self.not_found)
            else:
                answer(path, *request)
        except (DropConnection, BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = dispatch

    def read_request(self):
        """The parsed body as a 1-tuple; an emulator with other rules for bad bodies overrides it."""
        return (parse_json(read_content(self)),)

    def route(self, path):
        """The method that answers ``path`` (called with the path and read_request()'s tuple), or None for 404."""
        raise NotImplementedError

    def _send(self, status, body, headers=()):
        send_json(self, status, body, headers)

    def answer_lab(self, device, path, body, parse_faults):
        """Answer a /_lab/ request (see lab_control)."""
        self._send(*lab_control(device, self.command, path, body, parse_faults))


def drop_while_restarting(device):
    """A restarting device answers nothing: counted, then DropConnection."""
    if not device.available:
        with device.lock:
            device.stats['rejected_while_restarting'] += 1
        raise DropConnection()


def retry_after(fault):
    """The Retry-After header an injected status fault asks for, as a header list."""
    return [('Retry-After', str(fault['retry_after']))] if fault.get('retry_after') is not None else []


# ---------------------------------------------------------------------------
# the lab control API
# ---------------------------------------------------------------------------

def lab_control(device, method, path, body, parse_faults):
    """Answer one /_lab/ request: (HTTP status, JSON body); unauthenticated and never counted in the stats.

    ``device`` has ``lock`` and ``faults`` (the queue) and the methods called in _lab_answer();
    ``parse_faults`` checks a POSTed fault list and returns the faults to queue (ValueError when it is wrong).
    """
    body = body if isinstance(body, dict) else {}
    try:
        answer = _lab_answer(device, (method, path), body, parse_faults)
    except (ValueError, TypeError, KeyError) as exc:
        return 400, {'success': False, 'error': 'BAD_REQUEST', 'message': str(exc)}
    if answer is None:
        return 404, {'success': False, 'error': 'NOT_FOUND'}
    return 200, answer


def _lab_answer(device, route, body, parse_faults):
    """The answer to a known route, or None."""
    if route == ('GET', '/_lab/health'):
        return device.health()
    if route == ('GET', '/_lab/stats'):
        return device.stats_snapshot()
    if route == ('GET', '/_lab/state'):
        return device.lab_state()
    if route == ('POST', '/_lab/state'):
        device.lab_set_state(body)
        return device.lab_state()
    if route == ('GET', '/_lab/faults'):
        with device.lock:
            return {'faults': copy.deepcopy(device.faults)}
    if route == ('POST', '/_lab/stats/reset'):
        device.reset_stats()
    elif route == ('POST', '/_lab/factory'):
        device.factory_reset()
    elif route == ('POST', '/_lab/faults'):
        device.set_faults(parse_faults(body.get('faults')))
    elif route == ('DELETE', '/_lab/faults'):
        device.set_faults([])
    else:
        return None
    return {'success': True}


# ---------------------------------------------------------------------------
# requests and answers
# ---------------------------------------------------------------------------

def read_content(handler):
    """The request body as Content-Length gives it (ValueError when that is not a number)."""
    length = int(handler.headers.get('Content-Length') or 0)
    return handler.rfile.read(length) if length else b''


def parse_json(raw, empty=None):
    """The JSON document in raw bytes, ``empty`` when there are none; ValueError when it is not JSON."""
    return json.loads(raw.decode('utf-8')) if raw else empty


def send_body(handler, status, data, content_type, headers=()):
    """Answer with bytes; a HEAD answer has the headers only."""
    handler.send_response(status)
    handler.send_header('Content-Type', content_type)
    handler.send_header('Content-Length', str(len(data)))
    for key, value in headers:
        handler.send_header(key, value)
    handler.end_headers()
    if handler.command != 'HEAD':
        handler.wfile.write(data)
    handler.wfile.flush()


def send_json(handler, status, body, headers=()):
    send_body(handler, status, json.dumps(body).encode('utf-8'), 'application/json', headers)


def session_id(headers):
    """The session_id cookie of a request, or None."""
    cookie = http.cookies.SimpleCookie()
    try:
        cookie.load(headers.get('Cookie') or '')
    except http.cookies.CookieError:
        return None
    morsel = cookie.get('session_id')
    return morsel.value if morsel else None


class RestSessions:
    """The REST session slots of a Polycom platform device ([capture] on Group Series, [inferred] for Pano).

    A login takes one of max_sessions slots and gets an id for the session_id cookie; a session idle longer
    than idle_seconds expires; logout frees its slot; a restart or an injected fault drops them all. Not locked
    itself: the device calls it holding its own lock, which also guards the state a login checks.
    """

    def __init__(self, max_sessions, idle_seconds):
        self.max_sessions = int(max_sessions)
        self.idle_seconds = float(idle_seconds)
        self._last_seen = {}

    def in_use(self):
        """How many sessions are live, after the idle ones expired."""
        now = time.time()
        for sid in [s for s, seen in self._last_seen.items() if now - seen > self.idle_seconds]:
            del self._last_seen[sid]
        return len(self._last_seen)

    def open(self):
        """A new session id, or None when every slot is in use."""
        if self.in_use() >= self.max_sessions:
            return None
        sid = secrets.token_hex(16)
        self._last_seen[sid] = time.time()
        return sid

    def touch(self, sid):
        """True (and the idle clock restarted) when sid is a live session."""
        self.in_use()
        if sid and sid in self._last_seen:
            self._last_seen[sid] = time.time()
            return True
        return False

    def close(self, sid):
        """Logout: True when sid was a live session."""
        return self._last_seen.pop(sid, None) is not None

    def drop_all(self):
        self._last_seen.clear()

    def limit_answer(self):
        """The answer to a login when every slot is in use (login_headers adds Retry-After)."""
        return 503, {'success': False, 'error': 'SESSION_LIMIT', 'message': 'all %d session slots are in use' % self.max_sessions}


class SessionDevice:
    """The session calls a device with a RestSessions (``sessions``) under its ``lock`` answers for session_step();
    logged_out() is told of each logout, holding the lock."""

    def touch_session(self, sid):
        with self.lock:
            return self.sessions.touch(sid)

    def logout(self, sid):
        """True when sid was a live session (one logout more in the stats)."""
        with self.lock:
            if not self.sessions.close(sid):
                return False
            self.stats['logouts'] += 1
            self.logged_out()
            return True

    def logged_out(self):
        """A device that journals logouts says so here."""


def login_answer(sid, user, **session_fields):
    """200 body of a login [capture]: the session (id, user, role) and a loginStatus without lockout."""
    session = {'sessionId': sid, 'userId': user, 'role': 'ADMIN'}
    session.update(session_fields)
    return {'success': True, 'session': session, 'loginStatus': {'failedLogins': 0, 'loginResult': 'NOLOCKOUT'}}


def login_refused(failed_logins):
    """401 body of a login with a wrong user or password [capture]."""
    return {'success': False, 'loginStatus': {'failedLogins': failed_logins, 'loginResult': 'LOGINFAILED'}}


def login_headers(status, sid):
    """The session cookie of a successful login; Retry-After on a refusal for want of a slot."""
    headers = [('Set-Cookie', 'session_id=%s; Path=/; Secure; HttpOnly' % sid)] if sid else []
    if status == 503:
        headers.append(('Retry-After', '1'))
    return headers


SESSION_PATH = '/rest/session'


def route_allowed(send, routes, path, method):
    """False after answering 404 (path not served) or 405 (method not allowed, with Allow); True otherwise."""
    if path not in routes:
        send(404, {'success': False, 'error': 'NOT_FOUND'})
        return False
    if method not in routes[path]:
        send(405, {'success': False, 'error': 'METHOD_NOT_ALLOWED'}, headers=[('Allow', ', '.join(routes[path]))])
        return False
    return True


def session_step(send, device, headers, path, method, login):
    """The session part of every /rest/ call: POST /rest/session goes to login(); any other call needs a live
    session (401 NOT_LOGGED_IN, and the idle clock restarts); DELETE /rest/session logs out. True when the
    call goes on to the device's own routes."""
    if path == SESSION_PATH and method == 'POST':
        login()
        return False
    sid = session_id(headers)
    if not device.touch_session(sid):
        send(401, {'success': False, 'error': 'NOT_LOGGED_IN'})
        return False
    if path == SESSION_PATH:
        device.logout(sid)
        send(200, {'success': True})
        return False
    return True
