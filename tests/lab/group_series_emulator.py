# -*- coding: utf-8 -*-
# Copyright: (c) polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""RealPresence Group Series emulator (test double) for the polycom.uc lab.

One emulated system presents ONE state through both of its interfaces:

* REST over HTTPS with the captured shapes [capture]: POST/DELETE /rest/session, GET /rest/system,
  POST /rest/config (names / vars), POST /rest/system/reboot; plus GET/POST /rest/media/content
  [inferred], the call a paired Pano uses to start and stop content. Lab control under /_lab/.
* The API command channel [doc] over SSH (paramiko server, password auth) and telnet (plain
  socket, the Integrator Reference Guide's port 24): Password prompt, the "Hi, my name is :"
  banner, the "-> " prompt, configpresentation, systemname, dualmonitor, version, serialnum,
  whoami, systemsetting get model, vcbutton get, reboot now, exit, and the documented error lines.

Lab service: a top-level "group_series" section of the lab config (see tests/lab/README.md);
start(section, lab) returns the running service. Standard library + paramiko + cryptography;
this file must not import anything from plugins/.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import shlex
import socket
import threading
import time

import paramiko

import labkit

LOG = logging.getLogger('group_series_emulator')
logging.getLogger('paramiko').setLevel(logging.CRITICAL)

PROFILE_VALUES = ('near', 'far', 'content', 'near-or-far', 'content-or-near', 'content-or-far', 'all', 'none')
PROMPT = '-> '
NOT_FOUND = 'error: command not found'
ILLEGAL = 'error: command has illegal parameters'
DEVICE_DEFAULTS = {
    'model': 'RealPresence Group 500',
    'softwareVersion': 'Release - 6.2.2.8-670021',
    'hardwareVersion': '18',
    'admin_user': 'admin',
    'admin_password': '',
    'max_sessions': 4,
    'restart_seconds': 3,
    'session_idle_seconds': 300,
    'monitor1': 'near-or-far',
    'monitor2': 'content',
    'dualmonitor': False,
}
# REST variables [capture] names; which ones are writable is [inferred].
READ_ONLY_VARS = ('system.info.humanreadablemodel', 'system.info.humanreadableversion', 'system.info.serialnumber',
                  'system.info.hardwareversion', 'system.network.wired.ipv4nic.address', 'system.network.wired.ethernet.macaddress')
WRITABLE_VARS = ('system.info.systemname', 'system.network.hostname', 'system.network.domainname')
FAULT_KINDS = ('status', 'slow', 'drop', 'drop_session')

# telnet
IAC, DONT, DO, WONT, WILL, SB, SE = 255, 254, 253, 252, 251, 250, 240
ECHO, SGA = 1, 3


def parse_faults(items):
    """The POSTed fault list as the queue holds it; ValueError when it is wrong."""
    faults = []
    if not isinstance(items, list):
        raise ValueError('"faults" must be a list')
    for item in items:
        if not isinstance(item, dict) or item.get('kind') not in FAULT_KINDS:
            raise ValueError('each fault needs "kind", one of %s' % ', '.join(FAULT_KINDS))
        fault = {'kind': item['kind'], 'count': int(item.get('count', 1)), 'path': str(item.get('path', '/rest/')),
                 'method': str(item['method']).upper() if item.get('method') else None}
        if fault['kind'] == 'status':
            fault['status'] = int(item.get('status', 503))
            fault['retry_after'] = item.get('retry_after')
        elif fault['kind'] == 'slow':
            fault['delay'] = float(item.get('delay', 5))
        elif fault['kind'] == 'drop_session':
            fault['after_commands'] = int(item.get('after_commands', 0))
            fault['transport'] = item.get('transport')
            fault['execute'] = bool(item.get('execute', False))
        faults.append(fault)
    return faults


# ---------------------------------------------------------------------------
# the system
# ---------------------------------------------------------------------------

class GroupSeriesDevice(labkit.SessionDevice):
    """The state of one emulated system; thread safe."""

    def __init__(self, cfg, port_offset=0):
        self.cfg = dict(DEVICE_DEFAULTS)
        self.cfg.update(cfg)
        self.name = self.cfg['name']
        self.rest_port = int(self.cfg['rest_port']) + port_offset
        self.ssh_port = int(self.cfg['ssh_port']) + port_offset
        self.telnet_port = int(self.cfg['telnet_port']) + port_offset
        self.serial = self.cfg['serial']
        self.lock = threading.RLock()
        self.connections = set()
        self.api_channels = set()
        self.factory_reset()

    # -- state ----------------------------------------------------------------
    def factory_reset(self):
        with self.lock:
            cfg = self.cfg
            self.model = cfg['model']
            self.software_version = cfg['softwareVersion']
            self.admin_user = cfg['admin_user']
            self.admin_password = cfg['admin_password']
            self.monitor1, self.monitor2 = cfg['monitor1'], cfg['monitor2']
            self.dualmonitor = bool(cfg['dualmonitor'])
            suffix = self.serial[-6:].lower()
            self.vars = {
                'system.info.systemname': cfg.get('systemName') or 'GroupSeries-' + suffix,
                'system.network.hostname': 'gs-' + suffix,
                'system.network.domainname': '',
            }
            self.content = {'state': 'INACTIVE', 'source': ''}
            self.content_log = []
            self.reboot_needed = False
            self.sessions = labkit.RestSessions(cfg['max_sessions'], cfg['session_idle_seconds'])
            self.faults = []
            self.restarts = 0
            self.unavailable_until = 0.0
            self.boot_time = time.time()
            self.reset_stats()
        self.close_api_sessions()

    def reset_stats(self):
        with self.lock:
            self.stats = {'requests': 0, 'by_endpoint': {}, 'config_reads': 0, 'config_writes': 0, 'logins': 0, 'failed_logins': 0,
                          'logouts': 0, 'api_sessions': 0, 'api_sessions_by_transport': {'ssh': 0, 'telnet': 0}, 'api_failed_logins': 0,
                          'api_commands': 0, 'api_sets': 0, 'rejected_while_restarting': 0}

    @property
    def available(self):
        return time.time() >= self.unavailable_until

    def short_model(self):
        return self.model.replace('RealPresence ', '').replace(' ', '')

    def system_info(self):
        with self.lock:
            return {
                'model': self.model,
                'serialNumber': self.serial,
                'softwareVersion': self.software_version,
                'build': self.software_version.rsplit('-', 1)[-1],
                'hardwareVersion': self.cfg['hardwareVersion'],
                'systemName': self.vars['system.info.systemname'],
                'state': 'ASLEEP',
                'rebootNeeded': self.reboot_needed,
                'uptime': round(max(0.0, time.time() - self.boot_time), 2),
                'lanStatus': {'state': 'UP', 'speedMbps': 1000, 'duplex': 'FULL'},
            }

    def read_var(self, name):
        static = {
            'system.info.humanreadablemodel': self.model,
            'system.info.humanreadableversion': self.software_version,
            'system.info.serialnumber': self.serial,
            'system.info.hardwareversion': self.cfg['hardwareVersion'],
            'system.network.wired.ipv4nic.address': '127.0.0.1',
            'system.network.wired.ethernet.macaddress': '00:e0:db:%s:%s:%s' % (self.serial[-6:-4], self.serial[-4:-2], self.serial[-2:]),
        }
        if name in static:
            return static[name].lower() if name.endswith('macaddress') else static[name]
        return self.vars.get(name)

    def health(self):
        return {'ok': True, 'name': self.name, 'available': self.available}

    def lab_state(self):
        with self.lock:
            return {
                'name': self.name, 'model': self.model, 'softwareVersion': self.software_version, 'serial': self.serial,
                'systemName': self.vars['system.info.systemname'], 'monitor1': self.monitor1, 'monitor2': self.monitor2,
                'dualmonitor': self.dualmonitor, 'vars': dict(self.vars), 'content': dict(self.content), 'content_log': list(self.content_log),
                'admin_user': self.admin_user, 'admin_password': self.admin_password, 'rebootNeeded': self.reboot_needed,
                'restarts': self.restarts, 'available': self.available, 'active_sessions': self.sessions.in_use(),
                'api_sessions_open': len(self.api_channels),
            }

    def lab_set_state(self, body):
        with self.lock:
            for key in ('model', 'softwareVersion', 'admin_user', 'admin_password', 'monitor1', 'monitor2'):
                if key in body:
                    value = str(body[key])
                    if key.startswith('monitor') and value not in PROFILE_VALUES:
                        raise ValueError('%s must be one of %s' % (key, ', '.join(PROFILE_VALUES)))
                    setattr(self, {'softwareVersion': 'software_version'}.get(key, key), value)
            if 'dualmonitor' in body:
                self.dualmonitor = bool(body['dualmonitor'])
            if 'systemName' in body:
                self.vars['system.info.systemname'] = str(body['systemName'])
            for name, value in (body.get('vars') or {}).items():
                if name not in WRITABLE_VARS:
                    raise ValueError('unknown writable variable %r' % name)
                self.vars[name] = str(value)
            self.event('lab: state changed behind the API: %s' % ', '.join(sorted(body)))

    def event(self, message):
        LOG.info('%s: %s', self.name, message)

    # -- sessions ---------------------------------------------------------------
    def login(self, user, password):
        with self.lock:
            self.stats['logins'] += 1
            if user != self.admin_user or password != self.admin_password:
                self.stats['failed_logins'] += 1
                self.event('REST login failed for %r' % user)
                return 401, labkit.login_refused(self.stats['failed_logins']), None
            sid = self.sessions.open()
            if sid is None:
                return self.sessions.limit_answer() + (None,)
            return 200, labkit.login_answer(sid, user, isAuthenticated=True), sid

    def check_api_login(self, user, password, transport):
        with self.lock:
            ok = (user is None or user == self.admin_user) and password == self.admin_password
            if not ok:
                self.stats['api_failed_logins'] += 1
                self.event('%s login refused' % transport)
            return ok

    # -- config -----------------------------------------------------------------
    def read_config(self, names):
        with self.lock:
            self.stats['config_reads'] += 1
            answer = []
            for name in names:
                value = self.read_var(name) if isinstance(name, str) else None
                if value is None:
                    answer.append({'name': name, 'result': 'UNKNOWN_NAME'})
                else:
                    answer.append({'name': name, 'value': value, 'result': 'NOERROR'})
            return {'vars': answer}

    def write_config(self, items):
        """Per variable, like the real system: valid ones apply, the others report their error."""
        with self.lock:
            self.stats['config_writes'] += 1
            answers = []
            for item in items:
                name, value = item.get('name'), item.get('value')
                answer = {'name': name, 'requestedValue': value}
                if name in READ_ONLY_VARS:
                    answer['result'] = 'READ_ONLY'
                elif name not in WRITABLE_VARS:
                    answer['result'] = 'UNKNOWN_NAME'
                elif not isinstance(value, str) or (name != 'system.network.domainname' and not 1 <= len(value) <= 64):
                    answer['result'] = 'INVALID_VALUE'
                else:
                    if name == 'system.network.hostname' and self.vars[name] != value:
                        self.reboot_needed = True
                    self.vars[name] = value
                    answer['result'] = 'NOERROR'
                answers.append(answer)
            self.event('config write: %s' % ', '.join('%s=%s' % (a['name'], a['result']) for a in answers))
            return {'vars': answers, 'rebootNeeded': self.reboot_needed}

    def set_content(self, action, source):
        with self.lock:
            if action == 'start':
                self.content = {'state': 'ACTIVE', 'source': source or ''}
            else:
                self.content = {'state': 'INACTIVE', 'source': ''}
            self.content_log.append('%s %s' % (action, source or ''))
            self.event('content %s (%s)' % (self.content['state'], source or '-'))
            return dict(self.content)

    # -- restart ----------------------------------------------------------------
    def restart(self, reason, keep=None):
        with self.lock:
            self.restarts += 1
            self.sessions.drop_all()
            self.reboot_needed = False
            self.content = {'state': 'INACTIVE', 'source': ''}
            self.unavailable_until = time.time() + float(self.cfg['restart_seconds'])
            self.boot_time = self.unavailable_until
            conns = list(self.connections)
            self.event('restarting (%s)' % reason)
        labkit.cut_connections(conns, keep)
        self.close_api_sessions()

    def close_api_sessions(self):
        with self.lock:
            channels = list(self.api_channels)
        for channel in channels:
            try:
                channel.close()
            except Exception:  # pylint: disable=broad-exception-caught
                pass

    # -- faults -----------------------------------------------------------------
    def set_faults(self, faults):
        with self.lock:
            self.faults = faults

    def take_rest_fault(self, method, path):
        with self.lock:
            if not self.faults or self.faults[0]['kind'] == 'drop_session':
                return None
            fault = self.faults[0]
            if not path.startswith(fault['path']) or (fault['method'] and fault['method'] != method):
                return None
            fault['count'] -= 1
            if fault['count'] <= 0:
                self.faults.pop(0)
            self.event('fault %s injected on %s %s' % (fault['kind'], method, path))
            return dict(fault)

    def take_api_fault(self, transport):
        """For each command: None, or the drop_session fault that applies to it."""
        with self.lock:
            if not self.faults or self.faults[0]['kind'] != 'drop_session':
                return None
            fault = self.faults[0]
            if fault['transport'] and fault['transport'] != transport:
                return None
            if fault['after_commands'] > 0:
                fault['after_commands'] -= 1
                return None
            fault['count'] -= 1
            if fault['count'] <= 0:
                self.faults.pop(0)
            self.event('fault drop_session injected on %s' % transport)
            return dict(fault)

    def count_request(self, method, path):
        with self.lock:
            self.stats['requests'] += 1
            key = '%s %s' % (method, path)
            self.stats['by_endpoint'][key] = self.stats['by_endpoint'].get(key, 0) + 1

    def stats_snapshot(self):
        with self.lock:
            snap = json.loads(json.dumps(self.stats))
            snap['active_sessions'] = self.sessions.in_use()
            snap['api_sessions_open'] = len(self.api_channels)
            return snap

    # -- the command channel ------------------------------------------------------
    def banner(self):
        with self.lock:
            now = datetime.datetime.now(datetime.timezone.utc)
            return '\r\n'.join([
                'Hi, my name is : %s' % self.vars['system.info.systemname'],
                'Here is what I know about myself:',
                'Model:            %s' % self.short_model(),
                'Serial Number:    %s' % self.serial,
                'Brand:            Polycom',
                'Software Version: %s' % self.software_version.replace(' - ', ' '),
                'Build Information: root on lab emulator',
                'Contact Number:   ',
                'Time In Last Call: 0:00:00',
                'Total Time In Calls: 0:00:00',
                'Total Calls: 0',
                'SNTP Time Service: auto insync pool.ntp.org',
                'Local Time is: %s' % now.strftime('%a, %d %b %Y %H:%M:%S'),
                'Network Interface: NONE',
                'IP Video Number: 127.0.0.1',
                'MP Enabled:       False',
                'H323 Enabled:     True',
                'FTP Enabled:      False',
                'HTTP Enabled:     True',
                'SNMP Enabled:     False',
            ]) + '\r\n'

    def execute(self, line):
        """One command line -> (answer text, action None|'exit'|'reboot')."""
        with self.lock:
            self.stats['api_commands'] += 1
        line = line.strip()
        if not line:
            return '', None
        try:
            words = shlex.split(line)
        except ValueError:
            return ILLEGAL, None
        command, args = words[0].lower(), words[1:]
        handler = getattr(self, '_cmd_' + command, None)
        if handler is None:
            return NOT_FOUND, None
        with self.lock:
            return handler(args)

    def _cmd_configpresentation(self, args):
        lower = [a.lower() for a in args]
        if lower == ['get']:
            return 'configpresentation monitor1:%s\r\nconfigpresentation monitor2:%s' % (self.monitor1, self.monitor2), None
        if len(lower) == 2 and lower[0] in ('monitor1', 'monitor2') and lower[1] == 'get':
            return 'configpresentation %s:%s' % (lower[0], getattr(self, lower[0])), None
        if len(lower) in (2, 4) and all(m in ('monitor1', 'monitor2') for m in lower[0::2]) \
                and all(v in PROFILE_VALUES for v in lower[1::2]) and len(set(lower[0::2])) == len(lower) // 2:
            for monitor, value in zip(lower[0::2], lower[1::2]):
                setattr(self, monitor, value)
            self.stats['api_sets'] += 1
            self.event('configpresentation %s' % ' '.join(lower))
            return 'configpresentation %s succeeded' % ' '.join(lower), None
        return ILLEGAL, None

    def _cmd_systemname(self, args):
        if [a.lower() for a in args] == ['get']:
            return 'systemname "%s"' % self.vars['system.info.systemname'], None
        if len(args) == 2 and args[0].lower() == 'set' and 1 <= len(args[1]) <= 64:
            self.vars['system.info.systemname'] = args[1]
            self.stats['api_sets'] += 1
            self.event('systemname set %r' % args[1])
            return 'systemname "%s"' % args[1], None
        return ILLEGAL, None

    def _cmd_dualmonitor(self, args):
        lower = [a.lower() for a in args]
        if lower == ['get']:
            return 'dualmonitor %s' % ('yes' if self.dualmonitor else 'no'), None
        if lower in (['yes'], ['no']):
            self.dualmonitor = lower[0] == 'yes'
            self.stats['api_sets'] += 1
            self.event('dualmonitor %s' % lower[0])
            return 'dualmonitor %s' % lower[0], None
        return ILLEGAL, None

    def _cmd_version(self, args):
        if args:
            return ILLEGAL, None
        return 'version "%s"' % self.software_version.replace('Release - ', 'release '), None

    def _cmd_serialnum(self, args):
        if args:
            return ILLEGAL, None
        return 'serialnum %s' % self.serial, None

    def _cmd_whoami(self, args):
        if args:
            return ILLEGAL, None
        return self.banner().rstrip('\r\n'), None

    def _cmd_systemsetting(self, args):
        if [a.lower() for a in args] == ['get', 'model']:
            return 'systemsetting model %s' % self.short_model(), None
        return ILLEGAL, None

    def _cmd_vcbutton(self, args):
        if [a.lower() for a in args] == ['get']:
            return 'vcbutton %s' % ('play' if self.content['state'] == 'ACTIVE' else 'stop'), None
        return ILLEGAL, None

    def _cmd_reboot(self, args):
        if [a.lower() for a in args] == ['now']:
            return '', 'reboot'
        return ILLEGAL, None

    def _cmd_exit(self, args):
        return '', 'exit'


# ---------------------------------------------------------------------------
# command channel sessions (shared by SSH and telnet)
# ---------------------------------------------------------------------------

def run_shell(device, transport, send, read_line, channel):
    """Banner, then command after command until exit, a fault, a restart or a closed connection."""
    with device.lock:
        device.stats['api_sessions'] += 1
        device.stats['api_sessions_by_transport'][transport] += 1
        device.api_channels.add(channel)
    try:
        send(device.banner() + PROMPT)
        while True:
            line = read_line()
            if line is None:
                return
            fault = device.take_api_fault(transport)
            if fault and not fault['execute']:
                return
            answer, action = device.execute(line)
            if fault:
                return
            if action == 'exit':
                return
            if action == 'reboot':
                device.restart('reboot now on the %s command channel' % transport)
                return
            send((answer + '\r\n' if answer else '') + PROMPT)
    finally:
        with device.lock:
            device.api_channels.discard(channel)


class _LineReader:
    """Lines from a byte source; CR, LF and CR LF all end a line; telnet commands stripped when asked."""

    def __init__(self, recv, telnet=False, reply=None):
        self.recv, self.telnet, self.reply = recv, telnet, reply
        self.buf = b''
        self.skip_lf = False

    def _strip(self, data):
        out = bytearray()
        i = 0
        while i < len(data):
            if data[i] != IAC:
                out.append(data[i])
                i += 1
            elif i + 1 < len(data) and data[i + 1] == IAC:
                out.append(IAC)
                i += 2
            elif i + 1 < len(data) and data[i + 1] in (DO, DONT, WILL, WONT):
                i += 3
            elif i + 1 < len(data) and data[i + 1] == SB:
                end = data.find(bytes([IAC, SE]), i)
                i = len(data) if end < 0 else end + 2
            else:
                i += 2
        return bytes(out)

    def read_line(self):
        while True:
            for index, byte in enumerate(self.buf):
                if byte in (10, 13):
                    line, rest = self.buf[:index], self.buf[index + 1:]
                    if self.skip_lf and index == 0 and byte == 10:
                        self.buf, self.skip_lf = rest, False
                        break
                    self.skip_lf = byte == 13
                    self.buf = rest
                    return line.replace(b'\x00', b'').decode('utf-8', 'replace')
            else:
                try:
                    data = self.recv(4096)
                except (OSError, EOFError, socket.timeout):
                    return None
                if not data:
                    return None
                self.buf += self._strip(data) if self.telnet else data


# -- SSH ---------------------------------------------------------------------------------------------

class _SshAuth(paramiko.ServerInterface):
    def __init__(self, device):
        self.device = device
        self.shell = threading.Event()

    def check_channel_request(self, kind, chanid):
        return paramiko.OPEN_SUCCEEDED if kind == 'session' else paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

    def get_allowed_auths(self, username):
        return 'password'

    def check_auth_password(self, username, password):
        ok = self.device.check_api_login(username, password, 'ssh')
        return paramiko.AUTH_SUCCESSFUL if ok else paramiko.AUTH_FAILED

    def check_channel_pty_request(self, channel, term, width, height, pixelwidth, pixelheight, modes):
        return True

    def check_channel_shell_request(self, channel):
        self.shell.set()
        return True


class _Listener:
    """A TCP listener on 127.0.0.1 that hands each connection to ``serve`` in its own thread."""

    def __init__(self, host, port, serve, name):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.serve, self.name = serve, name
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def start(self):
        self.thread.start()

    def _loop(self):
        while not self.stop.is_set():
            try:
                conn, _addr = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), name=self.name + '-conn', daemon=True).start()

    def _serve(self, conn):
        try:
            self.serve(conn)
        except Exception:  # pylint: disable=broad-exception-caught
            LOG.debug('%s: session ended with an error', self.name, exc_info=True)
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def close(self):
        self.stop.set()
        if self.thread.ident is not None:  # a service that failed to start closes listeners that never ran
            self.thread.join(2)
        self.sock.close()


def serve_ssh(device, host_key, conn):
    if not device.available:
        return
    conn.settimeout(30)
    transport = paramiko.Transport(conn)
    transport.add_server_key(host_key)
    auth = _SshAuth(device)
    try:
        transport.start_server(server=auth)
        channel = transport.accept(10)
        if channel is None or not auth.shell.wait(10):
            return
        channel.settimeout(300)
        reader = _LineReader(channel.recv)
        run_shell(device, 'ssh', lambda text: channel.sendall(text.encode('utf-8')), reader.read_line, channel)
        channel.close()
    except (paramiko.SSHException, EOFError, OSError):
        return
    finally:
        transport.close()


class _SocketChannel:
    def __init__(self, conn):
        self.conn = conn

    def close(self):
        try:
            self.conn.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def serve_telnet(device, conn):
    if not device.available:
        return
    conn.settimeout(300)

    def send(text):
        conn.sendall(text.encode('utf-8'))

    conn.sendall(bytes([IAC, WILL, ECHO, IAC, WILL, SGA]))
    reader = _LineReader(conn.recv, telnet=True)
    if device.admin_password:
        for _attempt in range(3):
            send('Password: ')
            line = reader.read_line()
            if line is None:
                return
            if device.check_api_login(None, line, 'telnet'):
                break
            send('\r\nPassword incorrect\r\n')
        else:
            return
        send('\r\n')
    run_shell(device, 'telnet', send, reader.read_line, _SocketChannel(conn))


# ---------------------------------------------------------------------------
# REST over HTTPS
# ---------------------------------------------------------------------------

class GroupSeriesHandler(labkit.DeviceHandler):
    server_version = 'lighttpd'
    sys_version = ''
    timeout = 60
    close_connection = True

    def _send(self, status, body, headers=()):
        labkit.send_json(self, status, body, list(headers) + [('Connection', 'close')])  # every answer ends its connection

    def read_request(self):
        raw = labkit.read_content(self)
        try:
            return (labkit.parse_json(raw),)
        except ValueError:
            self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'the body is not valid JSON'})
            return None

    def route(self, path):
        if path.startswith('/_lab/'):
            return self._lab
        return self._rest if path.startswith('/rest/') else None

    def _lab(self, path, body):
        self.answer_lab(self.server.device, path, body, parse_faults)

    def _rest(self, path, body):
        device = self.server.device
        method = self.command
        labkit.drop_while_restarting(device)
        device.count_request(method, path)
        fault = device.take_rest_fault(method, path)
        if fault:
            if fault['kind'] == 'drop':
                raise labkit.DropConnection()
            if fault['kind'] == 'status':
                self._send(fault['status'], {'success': False, 'error': 'INJECTED_FAULT'}, labkit.retry_after(fault))
                return
            time.sleep(fault['delay'])
        routes = {'/rest/session': ('POST', 'DELETE'), '/rest/system': ('GET',), '/rest/config': ('POST',),
                  '/rest/system/reboot': ('POST',), '/rest/media/content': ('GET', 'POST')}
        if not labkit.route_allowed(self._send, routes, path, method):
            return
        if not labkit.session_step(self._send, device, self.headers, path, method, lambda: self._login(body)):
            return
        if path == '/rest/system':
            self._send(200, device.system_info())
        elif path == '/rest/system/reboot':
            if not isinstance(body, dict) or body.get('action') != 'reboot':
                self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'expected {"action": "reboot"}'})
                return
            self._send(200, {'success': True})
            device.restart('reboot requested over REST', keep=self.connection)
        elif path == '/rest/media/content':
            if method == 'GET':
                with device.lock:
                    self._send(200, dict(device.content))
                return
            if not isinstance(body, dict) or body.get('action') not in ('start', 'stop'):
                self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'expected {"action": "start"|"stop", "source"}'})
                return
            self._send(200, device.set_content(body['action'], str(body.get('source') or '')))
        else:
            self._config(body)

    def _login(self, body):
        if not isinstance(body, dict) or not isinstance(body.get('user'), str) or not isinstance(body.get('password'), str):
            self._send(400, {'success': False, 'error': 'BAD_REQUEST'})
            return
        status, answer, sid = self.server.device.login(body['user'], body['password'])
        self._send(status, answer, labkit.login_headers(status, sid))

    def _config(self, body):
        device = self.server.device
        if not isinstance(body, dict) or ('names' in body) == ('vars' in body):
            self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'expected {"names": [...]} or {"vars": [...]}'})
            return
        if 'names' in body:
            if not isinstance(body['names'], list):
                self._send(400, {'success': False, 'error': 'BAD_REQUEST'})
                return
            self._send(200, device.read_config(body['names']))
            return
        items = body['vars']
        if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
            self._send(400, {'success': False, 'error': 'BAD_REQUEST'})
            return
        self._send(200, device.write_config(items))


class GroupSeriesServer(labkit.TLSDeviceServer):
    """HTTPS server of one system; a restart cuts its open connections."""

    def __init__(self, device, context, host):
        self.device = device
        super().__init__((host, device.rest_port), GroupSeriesHandler, context, device.name, LOG,
                         connections=device.connections, lock=device.lock)


# ---------------------------------------------------------------------------
# the lab service
# ---------------------------------------------------------------------------

def _host_key(state_dir):
    path = os.path.join(state_dir, 'group-series-host-key')
    if os.path.exists(path):
        try:
            return paramiko.ECDSAKey(filename=path)
        except (paramiko.SSHException, OSError):
            pass
    key = paramiko.ECDSAKey.generate()
    key.write_private_key_file(path + '.tmp')
    os.chmod(path + '.tmp', 0o600)
    os.replace(path + '.tmp', path)
    return key


class GroupSeriesService:
    """Every emulated Group Series of the lab: one HTTPS, one SSH and one telnet listener each."""

    def __init__(self, section, lab):
        host = lab.get('host', '127.0.0.1')
        offset = int(lab.get('port_offset', 0))
        defaults = dict(section.get('defaults') or {})
        self.host = host
        self.devices = {}
        self.servers, self.listeners, self.threads = [], [], []
        self.host_key = _host_key(lab['state_dir'])
        self.known_hosts = os.path.join(lab['state_dir'], 'group-series-known-hosts')
        context = labkit.make_ssl_context(lab['certfile'], lab['keyfile'])
        self.ca = lab.get('ca')
        try:
            for item in section.get('devices') or []:
                cfg = dict(defaults)
                cfg.update(item)
                for key in ('name', 'rest_port', 'ssh_port', 'telnet_port', 'serial'):
                    if key not in cfg:
                        raise ValueError('group_series device %r: "%s" is required' % (item, key))
                device = GroupSeriesDevice(cfg, offset)
                if device.name in self.devices:
                    raise ValueError('group_series device %s: duplicate name' % device.name)
                self.devices[device.name] = device
                self.servers.append(GroupSeriesServer(device, context, host))
                self.listeners.append(_Listener(host, device.ssh_port, lambda conn, d=device: serve_ssh(d, self.host_key, conn),
                                                'gs-ssh-%s' % device.name))
                self.listeners.append(_Listener(host, device.telnet_port, lambda conn, d=device: serve_telnet(d, conn),
                                                'gs-telnet-%s' % device.name))
        except Exception:
            self.close()
            raise
        entry = '%s %s' % (self.host_key.get_name(), self.host_key.get_base64())
        with open(self.known_hosts + '.tmp', 'w', encoding='utf-8') as handle:
            for device in self.devices.values():
                handle.write('[%s]:%d %s\n' % (host, device.ssh_port, entry))
        os.replace(self.known_hosts + '.tmp', self.known_hosts)
        self.threads = [labkit.serve_in_thread(server, 'gs-%s' % server.device.name) for server in self.servers]
        for listener in self.listeners:
            listener.start()
        LOG.info('group series up: %s', ', '.join('%s rest:%d ssh:%d telnet:%d' % (d.name, d.rest_port, d.ssh_port, d.telnet_port)
                                                  for d in self.devices.values()))

    def state(self):
        devices = {}
        for device in self.devices.values():
            base = 'https://%s:%d' % (self.host, device.rest_port)
            devices[device.name] = {
                'rest_port': device.rest_port, 'ssh_port': device.ssh_port, 'telnet_port': device.telnet_port,
                'base_url': base, 'control_url': base + '/_lab', 'model': device.model, 'serial': device.serial,
                'softwareVersion': device.software_version, 'admin_user': device.admin_user, 'admin_password': device.admin_password,
            }
        return {'known_hosts': self.known_hosts, 'host_key': '%s %s' % (self.host_key.get_name(), self.host_key.get_base64()),
                'devices': devices}

    def close(self):
        labkit.stop_servers(self.servers, bool(self.threads))
        for listener in self.listeners:
            listener.close()
        for device in self.devices.values():
            device.close_api_sessions()
        self.servers, self.listeners, self.threads = [], [], []


def start(section, lab):
    return GroupSeriesService(section, lab)


__all__ = ['GroupSeriesDevice', 'GroupSeriesService', 'start']
