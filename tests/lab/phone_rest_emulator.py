# -*- coding: utf-8 -*-
# Copyright: (c) polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""REST API of Polycom UC Software phones (5.x and later), as a lab service (test double).

A lab service (see SERVICES in lab.py): the top-level "phone_rest" section of the lab config starts it.

    "phone_rest": {
      "user": "Polycom", "password": "456",             # defaults for every phone (the factory account)
      "phones": [
        {"name": "vvx-reception", "port": 8481,          # + the lab's port offset
         "model": "VVX 500", "firmware": "5.9.7.3480", "mac": "0004f2e0a501",
         "api_enabled": true,                            # false: every /api/ call answers 404, as apps.restapi.enabled="0"
         "api_versions": [1],                            # which of /api/v1 and /api/v2 device/info are served
         "password": "..."}                              # per-phone override of user/password
      ]
    }

What it serves ([doc] Poly voice REST API reference, [capture] shapes; see /work/shared/notes/device-apis.md):
- HTTPS only, HTTP Basic authentication on every /api/ call: 401 with ``WWW-Authenticate: Basic`` otherwise.
- ``GET /api/v1/mgmt/device/info`` -> 200 ``{"Status": "2000", "data": {"ModelNumber", "FirmwareRelease",
  "MACAddress", "IPV4Address", "IPV6Address", "DeviceVendor", "DeviceType", "UpTimeSinceLastReboot"}}``;
  ``GET /api/v2/mgmt/device/info`` the same with ``"Firmware": {"Application", "BootBlock", "Updater"}`` instead of
  ``FirmwareRelease``. Any other /api/ path: 404 ``{"Status": "4004"}``; another method: 405.
- API disabled: 404 for every /api/ path, before authentication (the web server does not route the API at all).

Lab control API (no auth, same port), served by labkit.lab_control as on the other device emulators:
- ``GET /_lab/health`` -> ``{"ok": true, "name"}``.
- ``GET /_lab/stats`` -> ``requests`` (to /api/), ``by_endpoint``, ``auth_failures``, ``not_found``, ``credentials`` (every
  distinct [user, password] a client sent in Basic auth); ``POST /_lab/stats/reset``.
- ``GET /_lab/state`` -> ``model``, ``firmware``, ``mac``, ``ipv4``, ``api_enabled``, ``api_versions``, ``user``, ``password``.
  ``POST /_lab/state`` with any of those keys sets them (a firmware update or a config change behind Ansible's back).
- ``POST /_lab/factory`` -> configured state, counters zeroed, faults dropped.
- ``POST /_lab/faults`` ``{"faults": [...]}`` replaces the fault queue (``GET`` shows it, ``DELETE`` clears it); the head
  applies to the next /api/ request, ``count`` (1) times. Kinds: ``status`` (HTTP ``status``, optional ``retry_after``),
  ``api_status`` (HTTP 200 with ``{"Status": api_status}``, e.g. 4001 busy or 5000 failure), ``slow`` (``delay`` s), ``drop``.

Standard library only; nothing from plugins/ is imported.
"""

from __future__ import annotations

import base64
import binascii
import copy
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler

import labkit

LOG = logging.getLogger('phone_rest_emulator')

DEFAULTS = {
    'user': 'Polycom',
    'password': '456',
    'model': 'VVX 500',
    'firmware': '5.9.7.3480',
    'ipv4': '127.0.0.1',
    'api_enabled': True,
    'api_versions': [1],
}
INFO_PATHS = {'/api/v1/mgmt/device/info': 1, '/api/v2/mgmt/device/info': 2}
STATE_KEYS = ('model', 'firmware', 'mac', 'ipv4', 'api_enabled', 'api_versions', 'user', 'password')
FAULT_KINDS = ('status', 'api_status', 'slow', 'drop')


class _Drop(Exception):
    pass


def _zero_stats():
    return {'requests': 0, 'by_endpoint': {}, 'auth_failures': 0, 'not_found': 0, 'credentials': []}


def parse_faults(faults):
    if not isinstance(faults, list):
        raise ValueError('"faults" must be a list')
    parsed = []
    for fault in faults:
        if not isinstance(fault, dict) or fault.get('kind') not in FAULT_KINDS:
            raise ValueError('each fault needs "kind", one of %s: %r' % (', '.join(FAULT_KINDS), fault))
        item = dict(fault)
        item['count'] = int(item.get('count', 1))
        if item['kind'] == 'status':
            item['status'] = int(item['status'])
        elif item['kind'] == 'api_status':
            item['api_status'] = str(item['api_status'])
        elif item['kind'] == 'slow':
            item['delay'] = float(item['delay'])
        parsed.append(item)
    return parsed


class Phone:
    """One phone's REST-visible state, counters and fault queue."""

    def __init__(self, cfg, defaults):
        self.name = cfg['name']
        self.port = int(cfg['port'])
        self.initial = dict(defaults)
        self.initial.update((k, v) for k, v in cfg.items() if k in STATE_KEYS)
        if not self.initial.get('mac'):
            raise ValueError('phone %s: "mac" is required' % self.name)
        self.lock = threading.Lock()
        self.factory_reset()

    # -- the lab control API (labkit.lab_control) ------------------------------

    def factory_reset(self):
        with self.lock:
            self.state = copy.deepcopy(self.initial)
            self.state['mac'] = self.state['mac'].replace(':', '').lower()
            self.stats = _zero_stats()
            self.faults = []
            self.booted = time.time()

    def health(self):
        return {'ok': True, 'name': self.name}

    def stats_snapshot(self):
        with self.lock:
            return copy.deepcopy(self.stats)

    def reset_stats(self):
        with self.lock:
            self.stats = _zero_stats()

    def lab_state(self):
        with self.lock:
            return copy.deepcopy(self.state)

    def lab_set_state(self, body):
        unknown = sorted(set(body) - set(STATE_KEYS))
        if unknown:
            raise ValueError('unknown state keys: %s (allowed: %s)' % (', '.join(unknown), ', '.join(STATE_KEYS)))
        with self.lock:
            self.state.update(copy.deepcopy(body))
            if 'firmware' in body:
                self.booted = time.time()  # a firmware update restarts the phone

    def set_faults(self, faults):
        with self.lock:
            self.faults = faults

    # -- the REST API ----------------------------------------------------------

    def take_fault(self):
        with self.lock:
            if not self.faults:
                return None
            fault = self.faults[0]
            fault['count'] -= 1
            if fault['count'] <= 0:
                self.faults.pop(0)
            return dict(fault)

    def offered(self, user, password):
        """Every distinct user/password pair a client sent (the lab's tests prove which credentials reach which device)."""
        with self.lock:
            if [user, password] not in self.stats['credentials']:
                self.stats['credentials'].append([user, password])

    def count(self, method, path, auth_failed=False, not_found=False):
        with self.lock:
            self.stats['requests'] += 1
            key = '%s %s' % (method, path)
            self.stats['by_endpoint'][key] = self.stats['by_endpoint'].get(key, 0) + 1
            self.stats['auth_failures'] += int(auth_failed)
            self.stats['not_found'] += int(not_found)

    def uptime(self):
        seconds = int(time.time() - self.booted)
        return '%d Day %d:%02d:%02d' % (seconds // 86400, seconds % 86400 // 3600, seconds % 3600 // 60, seconds % 60)

    def info(self, version):
        state = self.state
        data = {
            'ModelNumber': state['model'],
            'MACAddress': state['mac'],
            'IPV4Address': state['ipv4'],
            'IPV6Address': '::',
            'DeviceVendor': 'Polycom',
            'DeviceType': 'hardwareEndpoint',
            'UpTimeSinceLastReboot': self.uptime(),
            'ReadyToUse': 'True',
        }
        if version == 1:
            data['FirmwareRelease'] = state['firmware']
        else:
            data['Firmware'] = {'Application': state['firmware'], 'BootBlock': '3.0.6.0002', 'Updater': '6.0.0.1220'}
        return {'Status': '2000', 'data': data}


class PhoneHandler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'Polycom-UCS-REST-lab/1.0'

    def log_message(self, fmt, *args):  # pylint: disable=arguments-differ
        LOG.debug('%s: ' + fmt, self.server.phone.name, *args)

    def do_GET(self):  # pylint: disable=invalid-name
        self._dispatch()

    def do_POST(self):  # pylint: disable=invalid-name
        self._dispatch()

    def do_PUT(self):  # pylint: disable=invalid-name
        self._dispatch()

    def do_DELETE(self):  # pylint: disable=invalid-name
        self._dispatch()

    def _send(self, status, body, headers=()):
        labkit.send_json(self, status, body, headers)

    def _dispatch(self):
        path = self.path.split('?', 1)[0]
        try:
            body = labkit.parse_json(labkit.read_content(self), empty={})
        except ValueError as exc:  # also a Content-Length that is no number, and UnicodeDecodeError
            self._send(400, {'Status': '4000', 'message': 'body is not JSON: %s' % exc})
            return
        try:
            if path == '/_lab' or path.startswith('/_lab/'):
                self._send(*labkit.lab_control(self.server.phone, self.command, path, body, parse_faults))
            elif path.startswith('/api/'):
                self._api(path)
            else:
                self._send(404, {'Status': '4004', 'message': 'not found'})
        except _Drop:
            self.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _authorized(self, phone):
        header = self.headers.get('Authorization') or ''
        if not header.startswith('Basic '):
            return False
        try:
            user, colon, password = base64.b64decode(header[6:].strip()).decode('utf-8').partition(':')
        except (binascii.Error, UnicodeDecodeError):
            return False
        if not colon:
            return False
        phone.offered(user, password)
        return user == phone.state['user'] and password == phone.state['password']

    def _api(self, path):
        phone = self.server.phone
        method = self.command
        if not phone.state['api_enabled']:
            phone.count(method, path, not_found=True)
            self._send(404, {'Status': '4004', 'message': 'Not Found'})
            return
        fault = phone.take_fault()
        if fault and fault['kind'] != 'slow':
            phone.count(method, path)
            if fault['kind'] == 'drop':
                raise _Drop()
            if fault['kind'] == 'status':
                headers = [('Retry-After', str(fault['retry_after']))] if fault.get('retry_after') is not None else []
                self._send(fault['status'], {'Status': '5000', 'message': 'lab fault: HTTP %d' % fault['status']}, headers)
                return
            if fault['kind'] == 'api_status':
                self._send(200, {'Status': fault['api_status']})
                return
        if fault:
            time.sleep(fault['delay'])
        if not self._authorized(phone):
            phone.count(method, path, auth_failed=True)
            self._send(401, {'Status': '4003', 'message': 'Unauthorized'}, [('WWW-Authenticate', 'Basic realm="Polycom REST API"')])
            return
        version = INFO_PATHS.get(path)
        if version is None or version not in phone.state['api_versions']:
            phone.count(method, path, not_found=True)
            self._send(404, {'Status': '4004', 'message': 'Not Found'})
            return
        phone.count(method, path)
        if method != 'GET':
            self._send(405, {'Status': '4004', 'message': 'Method Not Allowed'}, [('Allow', 'GET')])
            return
        with phone.lock:
            answer = phone.info(version)
        self._send(200, answer)


class PhoneServer(labkit.TLSDeviceServer):
    """HTTPS server of one phone."""

    tcp_nodelay = True

    def __init__(self, phone, context, host):
        self.phone = phone
        super().__init__((host, phone.port), PhoneHandler, context, phone.name, LOG)


class PhoneRestService:
    """Every phone of the section, each on its own port, in the lab process."""

    def __init__(self, section, lab):
        section = dict(section) if isinstance(section, dict) else {}
        defaults = dict(DEFAULTS)
        defaults.update((k, v) for k, v in section.items() if k in STATE_KEYS)
        offset = int(lab.get('port_offset', 0))
        self.host = lab.get('host', '127.0.0.1')
        context = labkit.make_ssl_context(lab['certfile'], lab['keyfile'])
        self.servers, self.threads = [], []
        try:
            for cfg in section.get('phones') or []:
                cfg = dict(cfg, port=int(cfg['port']) + offset)
                self.servers.append(PhoneServer(Phone(cfg, defaults), context, self.host))
        except Exception:
            self.close()
            raise
        self.threads = [labkit.serve_in_thread(server, 'phone-rest-%s' % server.phone.name) for server in self.servers]
        LOG.info('phone REST API: %s', ', '.join('%s:%d' % (s.phone.name, s.phone.port) for s in self.servers) or 'no phones')

    def close(self):
        for server in self.servers:
            if self.threads:
                server.shutdown()
            server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)
        self.servers, self.threads = [], []

    def state(self):
        phones = {}
        for server in self.servers:
            phone = server.phone
            base = 'https://%s:%d' % (self.host, phone.port)
            phones[phone.name] = {
                'port': phone.port, 'base_url': base, 'control_url': base + '/_lab',
                'model': phone.initial['model'], 'firmware': phone.initial['firmware'], 'mac': phone.initial['mac'],
                'user': phone.initial['user'], 'password': phone.initial['password'],
            }
        return {'phones': phones}


def start(section, lab):
    """Lab service entry point (see SERVICES in lab.py)."""
    return PhoneRestService(section, lab)
