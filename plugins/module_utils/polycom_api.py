# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one client for the Group Series API command channel, over SSH (paramiko) or telnet (port 24).

Contract **[doc]** (Integrator Reference Guide 6.0; labels in ``group_series.py``): an optional
``Password:`` prompt, a banner ``Hi, my name is : <system name>`` with ``Model:``,
``Serial Number:`` and ``Software Version:`` lines, then the prompt ``-> ``. A command ends with
CR LF; its answer is every line up to the next prompt; failures are lines starting ``error:``.
Allow about 200 ms between commands.

:class:`ApiSession` is a context manager: it logs in on entry, says ``exit`` on the way out, waits
``interval`` seconds between commands, repeats a command on a new session when the session drops
(every command this collection sends sets absolute values or only reads, so repeating is safe;
``reboot now`` is never repeated), and keeps the password out of every message. Logins and commands
share one retry policy (:func:`jittered_backoff`, after amazon.aws ``CloudRetry.jittered_backoff``).

The Group Series settings this collection manages over the channel, and the commands that read and
write them, are here too (:data:`READERS`, :func:`write_commands`); their table and labels are in
``group_series.py``.
``telnetlib`` left the standard library in Python 3.13, so the telnet side is a small socket client.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import re
import socket
import time

from ansible_collections.polycom.uc.plugins.module_utils.masking import scrub

try:
    import paramiko
    HAS_PARAMIKO = True
    PARAMIKO_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module
    HAS_PARAMIKO = False
    PARAMIKO_IMPORT_ERROR = exc

API_ARGSPEC = dict(
    api_transport=dict(type='str', default='ssh', choices=['ssh', 'telnet']),
    api_port=dict(type='int'),
    api_host_key_checking=dict(type='bool', default=True),
    api_known_hosts=dict(type='path'),
)

PROMPT = '->'
PASSWORD_PROMPT = re.compile(r'password\s*:\s*$', re.IGNORECASE)
DEFAULT_PORTS = {'ssh': 22, 'telnet': 24}
BANNER_FIELDS = {'model': 'model', 'serial number': 'serialNumber', 'software version': 'softwareVersion'}
NAME_LINE = re.compile(r'^\s*hi,\s*my name is\s*:\s*(.*?)\s*$', re.IGNORECASE)

# telnet protocol bytes (RFC 854)
IAC, DONT, DO, WONT, WILL, SB, SE = 255, 254, 253, 252, 251, 250, 240
ECHO, SUPPRESS_GO_AHEAD = 1, 3


class ApiError(Exception):
    """A failure on the command channel; the text never holds the password."""


class ApiAuthError(ApiError):
    """The system refused the password."""


class ApiDropped(ApiError):
    """The system closed the session (or it timed out) before answering."""


class ApiCommandError(ApiError):
    """The system answered a command with an ``error:`` line."""

    def __init__(self, message, command=None, answer=None):
        super(ApiCommandError, self).__init__(message)
        self.command = command
        self.answer = answer


# -- parsing ---------------------------------------------------------------------------------------

def split_lines(text):
    """The lines of an answer without blank lines, prompts and trailing white space."""
    lines = []
    for line in re.split(r'\r\n|\r|\n', text or ''):
        line = line.rstrip()
        while line.startswith(PROMPT):
            line = line[len(PROMPT):].lstrip()
        if line:
            lines.append(line)
    return lines


def parse_banner(text):
    """``Hi, my name is : X`` / ``Model:`` / ``Serial Number:`` / ``Software Version:`` -> dict with the REST keys."""
    banner = {}
    for line in split_lines(text):
        name = NAME_LINE.match(line)
        if name:
            banner['systemName'] = name.group(1)
            continue
        key, sep, value = line.partition(':')
        field = BANNER_FIELDS.get(' '.join(key.lower().split()))
        if sep and field and field not in banner:
            banner[field] = value.strip()
    return banner


def answer_lines(text, command=None):
    """The answer to ``command``: its lines, without an echo of the command itself."""
    lines = split_lines(text)
    if command is not None and lines and lines[0].strip() == command.strip():
        lines = lines[1:]
    return lines


def errors_in(lines):
    return [line for line in lines if line.lower().startswith('error:')]


def unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def quote(value):
    """A value as one command argument; quotes and line breaks cannot be sent."""
    if re.search(r'["\r\n]', value):
        raise ApiError('a command-channel value cannot hold double quotes or line breaks: %r' % value)
    return '"%s"' % value


def parse_presentation(lines, monitor):
    """``configpresentation monitor1:near-or-far`` (also ``monitor1 near-or-far``) -> ``near-or-far``."""
    pattern = re.compile(r'^configpresentation\s+.*?\b%s\s*[: ]\s*"?([a-z-]+)"?' % re.escape(monitor), re.IGNORECASE)
    for line in lines:
        match = pattern.match(line)
        if match:
            return match.group(1).lower()
    raise ApiError('no %s profile in the answer %r' % (monitor, lines))


def parse_dualmonitor(lines):
    for line in lines:
        match = re.match(r'^dualmonitor\s+(yes|no|on|off|true|false)\b', line, re.IGNORECASE)
        if match:
            return match.group(1).lower() in ('yes', 'on', 'true')
    raise ApiError('no dualmonitor value in the answer %r' % (lines,))


def parse_systemname(lines):
    for line in lines:
        match = re.match(r'^systemname\s+(.*)$', line, re.IGNORECASE)
        if match:
            return unquote(match.group(1))
    raise ApiError('no system name in the answer %r' % (lines,))


def parse_word(lines, command):
    """``serialnum 82...`` / ``version "release 6.2.2.8-670021"`` -> the value."""
    for line in lines:
        if line.lower().startswith(command + ' '):
            return unquote(line[len(command) + 1:])
    raise ApiError('no %s in the answer %r' % (command, lines))


# -- the Group Series settings on the channel [doc] -------------------------------------------------
# Setting (``group_series.py``'s table; values as strings, booleans "true"/"false") -> the command that reads
# it and the reading of its answer, in the order they are read.
READERS = (
    ('system_name', 'systemname get', parse_systemname),
    ('monitor1', 'configpresentation monitor1 get', lambda lines: parse_presentation(lines, 'monitor1')),
    ('monitor2', 'configpresentation monitor2 get', lambda lines: parse_presentation(lines, 'monitor2')),
    ('dual_monitor', 'dualmonitor get', lambda lines: 'true' if parse_dualmonitor(lines) else 'false'),
)
CHANNEL_SETTINGS = tuple(name for name, _command, _parse in READERS)


def write_commands(changes):
    """The commands that write ``changes``: system name, dual monitor, then both profiles in one ``configpresentation``."""
    commands = []
    if 'system_name' in changes:
        commands.append('systemname set %s' % quote(changes['system_name']))
    if 'dual_monitor' in changes:
        commands.append('dualmonitor %s' % ('yes' if changes['dual_monitor'] == 'true' else 'no'))
    monitors = [monitor for monitor in ('monitor1', 'monitor2') if monitor in changes]
    if monitors:
        commands.append('configpresentation ' + ' '.join('%s %s' % (m, quote(changes[m])) for m in monitors))
    return commands


def read_settings(session, names):
    """{setting: value} for the channel settings among ``names``, one ``get`` each."""
    return dict((name, parse(session.command(command))) for name, command, parse in READERS if name in names)


def write_settings(session, changes):
    """Write the channel settings among ``changes``; return them as read back (the answers' wording is not trusted)."""
    written = dict((name, value) for name, value in changes.items() if name in CHANNEL_SETTINGS)
    for command in write_commands(written):
        session.command(command)
    return read_settings(session, written)


# -- transports ------------------------------------------------------------------------------------

class _TelnetTransport(object):
    """Just enough telnet: refuses every option except the server's echo and go-ahead suppression."""

    def __init__(self, host, port, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.settimeout(timeout)
        self.pending = b''

    def write(self, text):
        data = text.encode('utf-8').replace(bytes([IAC]), bytes([IAC, IAC]))
        self.sock.sendall(data)

    def read(self):
        """Some text, '' at end of stream."""
        data = self.sock.recv(4096)
        if not data:
            return None
        return self._strip_commands(self.pending + data).decode('utf-8', 'replace')

    def _strip_commands(self, data):
        out = bytearray()
        replies = bytearray()
        index = 0
        self.pending = b''
        while index < len(data):
            byte = data[index]
            if byte != IAC:
                out.append(byte)
                index += 1
                continue
            if index + 1 >= len(data):
                self.pending = data[index:]
                break
            verb = data[index + 1]
            if verb == IAC:
                out.append(IAC)
                index += 2
            elif verb in (DO, DONT, WILL, WONT):
                if index + 2 >= len(data):
                    self.pending = data[index:]
                    break
                option = data[index + 2]
                if verb == WILL:
                    replies += bytes([IAC, DO if option in (ECHO, SUPPRESS_GO_AHEAD) else DONT, option])
                elif verb == DO:
                    replies += bytes([IAC, WONT, option])
                index += 3
            elif verb == SB:
                end = data.find(bytes([IAC, SE]), index)
                if end < 0:
                    self.pending = data[index:]
                    break
                index = end + 2
            else:
                index += 2
        if replies:
            self.sock.sendall(bytes(replies))
        return bytes(out)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class _SshTransport(object):
    def __init__(self, host, port, username, password, timeout, host_key_checking, known_hosts):
        self.client = paramiko.SSHClient()
        if host_key_checking:
            if known_hosts:
                try:
                    self.client.load_host_keys(known_hosts)
                except IOError as exc:
                    raise ApiError('cannot read api_known_hosts %s: %s' % (known_hosts, exc))
            else:
                self.client.load_system_host_keys()
            self.client.set_missing_host_key_policy(paramiko.RejectPolicy())
        else:
            self.client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        try:
            self.client.connect(host, port=port, username=username, password=password or '', timeout=timeout,
                                banner_timeout=timeout, auth_timeout=timeout, allow_agent=False, look_for_keys=False)
        except paramiko.AuthenticationException:
            self.client.close()
            raise ApiAuthError('SSH login as %s refused by %s:%d' % (username, host, port))
        except paramiko.BadHostKeyException:
            self.client.close()
            raise ApiError('the SSH host key of %s:%d does not match the known one: refusing to log in' % (host, port))
        except paramiko.SSHException as exc:
            self.client.close()
            if 'not found in known_hosts' in str(exc):
                raise ApiError('the SSH host key of %s:%d is unknown: add it to api_known_hosts (or set api_host_key_checking=false)'
                               % (host, port))
            raise ApiDropped('SSH to %s:%d failed: %s' % (host, port, exc))
        except (socket.error, EOFError) as exc:
            self.client.close()
            raise ApiDropped('SSH to %s:%d failed: %s' % (host, port, exc))
        try:
            self.channel = self.client.invoke_shell(width=200, height=1000)
        except (paramiko.SSHException, socket.error, EOFError) as exc:
            self.client.close()
            raise ApiDropped('SSH to %s:%d opened no shell: %s' % (host, port, exc))
        self.channel.settimeout(timeout)

    def write(self, text):
        self.channel.sendall(text.encode('utf-8'))

    def read(self):
        data = self.channel.recv(4096)
        if not data:
            return None
        return data.decode('utf-8', 'replace')

    def close(self):
        try:
            self.channel.close()
        except Exception:  # pylint: disable=broad-except
            pass
        self.client.close()


# -- one retry policy ------------------------------------------------------------------------------

RETRYABLE = (ApiDropped, socket.error, EOFError)
MAX_DELAY = 5


def jittered_backoff(retries, delay, max_delay=MAX_DELAY):
    """The wait before each of ``retries + 1`` attempts: 0 first, then full jitter, uniform in
    ``[0, min(max_delay, delay * 2 ** n)]`` (amazon.aws ``CloudRetry.jittered_backoff``), so that
    several runs whose sessions dropped together do not all come back at once."""
    yield 0
    for attempt in range(retries):
        yield random.uniform(0, min(max_delay, delay * 2 ** attempt))


class RetriesExhausted(ApiError):
    """Every attempt lost its session; ``last`` is the last failure."""

    def __init__(self, attempts, last):
        super(RetriesExhausted, self).__init__('%d attempts' % attempts)
        self.attempts, self.last = attempts, last


# -- the session -----------------------------------------------------------------------------------

class ApiSession(object):
    """One logged-in command-channel session; use it as a context manager."""

    def __init__(self, host, port=None, transport='ssh', username='admin', password=None, timeout=30, retries=3,
                 interval=0.2, host_key_checking=True, known_hosts=None, backoff=0.5):
        if transport not in DEFAULT_PORTS:
            raise ApiError('api_transport must be one of ssh, telnet; got %r' % (transport,))
        self.host, self.transport_name = host, transport
        self.port = port or DEFAULT_PORTS[transport]
        self.username, self.password = username, password
        self.timeout, self.retries, self.interval, self.backoff = timeout, retries, interval, backoff
        self.host_key_checking, self.known_hosts = host_key_checking, known_hosts
        self.secrets = set([password]) if password else set()
        self.transport = None
        self.banner = {}
        self.sessions = 0
        self.commands = 0
        self._last = 0.0

    @property
    def where(self):
        return '%s %s:%d' % (self.transport_name, self.host, self.port)

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    # -- session life ------------------------------------------------------------------------------
    def _retrying(self, action):
        """``action()`` until it returns: repeated on a new session after a drop, never after a refused password."""
        last = None
        for wait in jittered_backoff(self.retries, self.backoff):
            if wait:
                time.sleep(wait)
            try:
                return action()
            except ApiAuthError:
                self._drop()
                raise
            except RETRYABLE as exc:
                self._drop()
                last = exc
        raise RetriesExhausted(self.retries + 1, last)

    def open(self):
        """Log in (repeated after connection failures, never after a refused password); return the banner."""
        try:
            self._retrying(self._login)
        except RetriesExhausted as exc:
            raise ApiError('%s: no command-channel session after %d attempts: %s' % (self.where, exc.attempts, scrub(exc.last, self.secrets)))
        return self.banner

    def _login(self):
        try:
            if self.transport_name == 'ssh':
                if not HAS_PARAMIKO:
                    raise ApiError('SSH needs the Python library paramiko (or use api_transport=telnet)')
                self.transport = _SshTransport(self.host, self.port, self.username, self.password, self.timeout,
                                               self.host_key_checking, self.known_hosts)
            else:
                self.transport = _TelnetTransport(self.host, self.port, self.timeout)
        except socket.timeout:
            raise ApiDropped('%s: connection timed out' % self.where)
        except (socket.error, EOFError) as exc:
            raise ApiDropped('%s: %s' % (self.where, exc))
        self.sessions += 1
        text = self._read_until(lambda buf: self._at_prompt(buf) or PASSWORD_PROMPT.search(buf))
        if PASSWORD_PROMPT.search(text):
            self._write((self.password or '') + '\r\n')
            text = self._read_until(lambda buf: self._at_prompt(buf) or PASSWORD_PROMPT.search(buf))
            if PASSWORD_PROMPT.search(text) and not self._at_prompt(text):
                raise ApiAuthError('%s refused the password' % self.where)
        self.banner = parse_banner(text)
        self._last = time.time()

    def close(self):
        """Say goodbye (best effort) and close."""
        if self.transport is None:
            return
        try:
            self._pace()
            self._write('exit\r\n')
        except (ApiError, socket.error, EOFError):
            pass
        self._drop()

    def _drop(self):
        if self.transport is not None:
            self.transport.close()
        self.transport = None

    # -- commands ----------------------------------------------------------------------------------
    def command(self, text, check=True):
        """Send one command and return its answer lines; a dropped session is renewed and the command repeated."""
        def attempt():
            if self.transport is None:
                self._login()
            return self._exchange(text)

        try:
            lines = self._retrying(attempt)
        except RetriesExhausted as exc:
            raise ApiError('%s: %r unanswered after %d attempts (session dropped): %s' % (
                self.where, scrub(text, self.secrets), exc.attempts, scrub(exc.last, self.secrets)))
        failures = errors_in(lines)
        if failures and check:
            raise ApiCommandError('%s answered %r with %s' % (self.where, scrub(text, self.secrets), scrub('; '.join(failures), self.secrets)),
                                  command=text, answer=lines)
        return lines

    def reboot(self):
        """``reboot now``: sent once, never repeated; the system closes the session."""
        if self.transport is None:
            self._login()
        self._pace()
        self._write('reboot now\r\n')
        self.commands += 1
        try:
            self._read_until(lambda buf: False, timeout=min(self.timeout, 5))
        except ApiDropped:
            pass
        self._drop()

    def _exchange(self, text):
        self._pace()
        self._write(text + '\r\n')
        self.commands += 1
        answer = self._read_until(self._at_prompt)
        self._last = time.time()
        return answer_lines(answer, text)

    def _pace(self):
        wait = self.interval - (time.time() - self._last)
        if wait > 0:
            time.sleep(wait)

    # -- plumbing ----------------------------------------------------------------------------------
    @staticmethod
    def _at_prompt(buf):
        tail = buf.rstrip(' ')
        return tail.endswith(PROMPT) and (len(tail) == len(PROMPT) or tail[-len(PROMPT) - 1] in '\r\n')

    def _write(self, text):
        try:
            self.transport.write(text)
        except (socket.error, EOFError) as exc:
            raise ApiDropped('%s: write failed: %s' % (self.where, exc))
        except Exception as exc:  # paramiko raises its own SSHException on a closed channel
            if HAS_PARAMIKO and isinstance(exc, paramiko.SSHException):
                raise ApiDropped('%s: write failed: %s' % (self.where, exc))
            raise

    def _read_until(self, done, timeout=None):
        deadline = time.time() + (timeout or self.timeout)
        buf = ''
        while True:
            if time.time() > deadline:
                raise ApiDropped('%s: no answer within %s s (got %r)' % (self.where, timeout or self.timeout, scrub(buf[-200:], self.secrets)))
            try:
                chunk = self.transport.read()
            except socket.timeout:
                raise ApiDropped('%s: no answer within %s s' % (self.where, timeout or self.timeout))
            except (socket.error, EOFError) as exc:
                raise ApiDropped('%s: read failed: %s' % (self.where, exc))
            if chunk is None:
                raise ApiDropped('%s: the system closed the session' % self.where)
            buf += chunk
            if done(buf):
                return buf


def session_from_module(module, interval=0.2):
    """An :class:`ApiSession` from the connection and ``api_*`` options of ``module`` (not yet open)."""
    params = module.params
    if params['api_transport'] == 'ssh' and not HAS_PARAMIKO:
        from ansible.module_utils.basic import missing_required_lib
        module.fail_json(msg=missing_required_lib('paramiko', reason='for api_transport=ssh (or use api_transport=telnet)'),
                         exception=str(PARAMIKO_IMPORT_ERROR))
    return ApiSession(params['host'], params['api_port'], params['api_transport'], params['username'], params['password'],
                      timeout=params['timeout'], retries=params['retries'], interval=interval,
                      host_key_checking=params['api_host_key_checking'], known_hosts=params['api_known_hosts'])
