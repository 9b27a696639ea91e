# -*- coding: utf-8 -*-
# Copyright: (c) polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""REST API of Polycom UC Software phones (5.x and later), as a lab service (test double).

A lab service (see SERVICES in lab.py): the top-level "phone_rest" section of the lab config starts it.

    "phone_rest": {
      "user": "Polycom", "password": "456",             # defaults for every phone (the factory account)
      "protocol": "ftp",                                # how the phones reach the lab share: ftp or https
      "restart_seconds": 2,                             # how long a safeRestart keeps a phone away
      "restart_answer": "drop",                         # while away: "drop" (connections closed unanswered) or "503"
      "phones": [
        {"name": "vvx-reception", "port": 8481,          # + the lab's port offset
         "model": "VVX 500", "firmware": "5.9.7.3480", "mac": "0004f2e0a501",
         "api_enabled": true,                            # false: every /api/ call answers 404, as apps.restapi.enabled="0"
         "api_versions": [1],                            # which of /api/v1 and /api/v2 device/info are served
         "login_credentials": ["jsmith", "pw", "EXAMPLE"],  # entered at the phone (Lync login-credentials mode)
         "password": "..."}                              # per-phone override of user/password
      ],
      "bulk": {"count": 0, "base_port": 9600, "mac_prefix": "0004f2c0", "model": "VVX 500", "firmware": "5.9.7.3480",
               "name_prefix": "vvx-bulk-"}              # generated phones for benchmarks
    }

Boot ([doc]/[capture]/[inferred] as tests/lab/phone_emulator.py says; that module's ``Phone`` does the boot): at lab
start and at every safeRestart each phone boots from the lab share (the "share" service's URL and the lab CA) exactly
as phone_emulator.py does: master file, CONFIG_FILES, override files, rejected values, uploaded logs, the Lync verdict
of line 1. The REST API then serves that boot's effective configuration, and device/info the version it booted (the
image its master names, rule 7a; kept when that image is missing or broken).

What it serves (the calls and shapes of plugins/module_utils/ucs_rest.py's table, written here from
docs/device-interfaces.md and the notes, not imported):
- HTTPS only, HTTP Basic authentication on every /api/ call: 401 with ``WWW-Authenticate: Basic`` otherwise.
- ``GET /api/v1/mgmt/device/info`` -> ``{"Status": "2000", "data": {"ModelNumber", "FirmwareRelease", "MACAddress",
  "IPV4Address", "IPV6Address", "DeviceVendor", "DeviceType", "UpTimeSinceLastReboot"}}`` (uptime since the last boot);
  ``GET /api/v2/mgmt/device/info`` the same with ``"Firmware": {"Application", "BootBlock", "Updater"}``.
- ``GET /api/v1/mgmt/lineInfo`` -> ``data``: a list, line 1 always and every other line whose ``reg.N.address`` the
  boot configured: ``LineNumber``, ``SIPAddress``, ``RegistrationStatus`` (``registered`` for line 1 only when the
  boot's Lync verdict says so; other lines ``unregistered`` [inferred: the lab has no registrar]), ``UserID``,
  ``Label``, ``LineType``, ``Protocol``, ``ProxyAddress``, ``Port``. Changes made with config/set reach it only after a
  restart (the notes: a phone reads its configuration when it boots).
- ``POST /api/v1/mgmt/config/get`` body ``{"data": [names]}`` -> ``data.<name>`` = ``{"Value", "Source"}``; Source
  ``configFile`` (a CONFIG_FILES file), ``local`` (``<mac>-phone.cfg``), ``web`` (``<mac>-web.cfg`` or config/set),
  ``default`` (nothing sets it; Value "") [inferred names but web/default, which are captured].
- ``POST /api/v1/mgmt/config/set`` body ``{"data": {name: value}}`` -> 2000; the values take effect at once for
  config/get, survive a safeRestart (the phone keeps them) and are uploaded to the share as ``<mac>-web.cfg`` in the
  master file's OVERRIDES_DIRECTORY, as the web utility's changes are [inferred]. A value phone_emulator.py's rules do
  not permit, a name that is no parameter name, or a value that is no string -> Status 4000 and nothing applied.
  An empty value is Null for every parameter, typed or not (the Lync guide's tables give "Null" as a default and
  permitted value; [inferred] that config/set takes it for any parameter): kept as Value "" with Source web.
- More than 20 names or parameters in one config/get or config/set -> Status 4009 ("input size limit exceeded").
- ``POST /api/v1/mgmt/safeRestart`` -> 2000, then the phone is away for ``restart_seconds`` (every /api/ request
  dropped, or 503 with ``restart_answer: "503"``), boots from the share again (re-reads changed files, uploads new
  logs) and answers again. A phone ``in_call`` (``POST /_lab/state``) answers 2000 and restarts when the call ends
  ([doc] the safe restart does not interrupt a call).
- Any other /api/ path: 404 ``{"Status": "4004"}``; another method: 405. API disabled: 404 for every /api/ path,
  before authentication (the web server does not route the API at all).

Lab control API (no auth, same port), served by labkit.lab_control as on the other device emulators:
- ``GET /_lab/health`` -> ``{"ok": true, "name"}``.
- ``GET /_lab/stats`` -> ``requests`` (to /api/), ``by_endpoint``, ``auth_failures``, ``not_found``, ``unavailable``
  (requests dropped or refused while away), ``restarts``, ``credentials`` (every distinct [user, password] a client
  sent in Basic auth); ``POST /_lab/stats/reset``.
- ``GET /_lab/state`` -> ``model``, ``firmware``, ``mac``, ``ipv4``, ``api_enabled``, ``api_versions``, ``user``,
  ``password``, ``login_credentials``, ``in_call``, and (read only) ``boots``, ``last_boot`` (epoch seconds),
  ``booted``, ``line1_registered``, ``line1_reasons``, ``available``, ``config_files``, ``rest_values`` (names set
  with config/set), ``boot_errors``. ``POST /_lab/state`` with any of the settable keys sets them.
- ``POST /_lab/boot`` boots from the share now (as a power cycle would), ``GET /_lab/config`` the effective
  configuration ``{name: {"value", "source", "file"}}``.
- ``POST /_lab/factory`` -> configured state, config/set values forgotten, counters zeroed, faults dropped; no boot.
- ``POST /_lab/faults`` ``{"faults": [...]}`` replaces the fault queue (``GET`` shows it, ``DELETE`` clears it); the
  first fault that applies to a request is used ``count`` (1) times; ``endpoint`` (optional, e.g.
  ``"/api/v1/mgmt/config/set"``) limits a fault to one path. Kinds: ``status`` (HTTP ``status``, optional
  ``retry_after``), ``api_status`` (HTTP 200 with ``{"Status": api_status}``, e.g. 4001 busy or 5000 failure),
  ``slow`` (``delay`` s), ``drop``, ``no_return`` (the next safeRestart answers 2000 and the phone never comes back,
  until ``/_lab/factory`` or ``/_lab/boot``).

Standard library only; nothing from plugins/ is imported (phone_emulator.py is lab code).
"""

from __future__ import annotations

import base64
import binascii
import concurrent.futures
import copy
import logging
import re
import threading
import time
from xml.sax.saxutils import quoteattr

import labkit
import phone_emulator

LOG = logging.getLogger('phone_rest_emulator')

DEFAULTS = {
    'user': 'Polycom',
    'password': '456',
    'model': 'VVX 500',
    'firmware': '5.9.7.3480',
    'ipv4': '127.0.0.1',
    'api_enabled': True,
    'api_versions': [1],
    'login_credentials': None,
    'in_call': False,
}
SECTION_DEFAULTS = {'protocol': 'ftp', 'restart_seconds': 2.0, 'restart_answer': 'drop'}
API = '/api/v1/mgmt/'
INFO_PATHS = {'/api/v1/mgmt/device/info': 1, '/api/v2/mgmt/device/info': 2}
NULL = ''  # an empty value: the parameter set to Null (see config/set above)
LINE_INFO, CONFIG_GET, CONFIG_SET, SAFE_RESTART = (API + name for name in ('lineInfo', 'config/get', 'config/set', 'safeRestart'))
METHODS = {LINE_INFO: 'GET', CONFIG_GET: 'POST', CONFIG_SET: 'POST', SAFE_RESTART: 'POST'}
MAX_PARAMETERS = 20  # [doc] at most 20 parameters a config/get or config/set request
STATE_KEYS = ('model', 'firmware', 'mac', 'ipv4', 'api_enabled', 'api_versions', 'user', 'password', 'login_credentials',
              'in_call')
FAULT_KINDS = ('status', 'api_status', 'slow', 'drop', 'no_return')
PARAMETER_NAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_.\-]*$')


def _zero_stats():
    return {'requests': 0, 'by_endpoint': {}, 'auth_failures': 0, 'not_found': 0, 'unavailable': 0, 'restarts': 0,
            'credentials': []}


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


def source_of(file_name):
    """config/get's Source for a parameter read from this file (see the module docstring)."""
    if file_name.endswith('-phone.cfg'):
        return 'local'
    if file_name.endswith('-web.cfg'):
        return 'web'
    return 'configFile'


def boot_model(model):
    """The model as the master file's per-model attributes name it: 'VVX 500' -> 'VVX500'."""
    return re.sub(r'[^A-Za-z0-9]', '', model or '')


class Phone:
    """One phone: its REST-visible state, the configuration it booted with, counters and fault queue."""

    def __init__(self, cfg, defaults, boot_source):
        self.name = cfg['name']
        self.port = int(cfg['port'])
        self.initial = dict(defaults)
        self.initial.update((k, v) for k, v in cfg.items() if k in STATE_KEYS)
        if not self.initial.get('mac'):
            raise ValueError('phone %s: "mac" is required' % self.name)
        self.boot_source = boot_source  # {'url', 'cafile', 'restart_seconds', 'restart_answer'}, or no 'url': no share
        self.lock = threading.Lock()
        self.boot_lock = threading.Lock()
        self.boots = 0
        self.factory_reset()

    # -- the lab control API (labkit.lab_control) ------------------------------

    def factory_reset(self):
        with self.lock:
            self.state = copy.deepcopy(self.initial)
            self.state['mac'] = self.state['mac'].replace(':', '').lower()
            self.stats = _zero_stats()
            self.faults = []
            self.rest_values = {}
            self.available = True
            self.generation = getattr(self, 'generation', 0) + 1  # a pending restart of an older generation is void
            self.restart_pending = False
            self.report = getattr(self, 'report', None) or self.empty_report('not booted yet')
            self.booted_at = time.time()

    def empty_report(self, error):
        return {'booted': False, 'parameters': {}, 'config_files': [], 'errors': [error], 'directories': {},
                'lync': {'registered': False, 'status': 'Unregistered', 'address': '', 'server': '', 'reasons': [error]}}

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
            state = copy.deepcopy(self.state)
            report = self.report
            state.update(boots=self.boots, last_boot=self.booted_at, booted=report['booted'],
                         line1_registered=report['lync']['registered'], line1_reasons=list(report['lync']['reasons']),
                         available=self.available, config_files=list(report['config_files']),
                         rest_values=sorted(self.rest_values), boot_errors=list(report['errors']))
            return state

    def lab_set_state(self, body):
        unknown = sorted(set(body) - set(STATE_KEYS))
        if unknown:
            raise ValueError('unknown state keys: %s (allowed: %s)' % (', '.join(unknown), ', '.join(STATE_KEYS)))
        with self.lock:
            self.state.update(copy.deepcopy(body))
            if 'firmware' in body:
                self.booted_at = time.time()  # a firmware update restarts the phone
            call_ended = not self.state['in_call'] and self.restart_pending
        if call_ended:
            self.begin_restart()

    def set_faults(self, faults):
        with self.lock:
            self.faults = faults

    def effective_config(self):
        with self.lock:
            config = dict((name, {'value': item['value'], 'source': source_of(item['source']), 'file': item['source']})
                          for name, item in self.report['parameters'].items())
            config.update((name, {'value': value, 'source': 'web', 'file': None}) for name, value in self.rest_values.items())
            return config

    # -- boot and restart --------------------------------------------------------

    def boot(self):
        """Boot from the share as phone_emulator.Phone does; the REST API serves the result."""
        with self.boot_lock:
            with self.lock:
                login = self.state.get('login_credentials')
                mac, model, firmware = self.state['mac'], boot_model(self.state['model']), self.state['firmware']
            if self.boot_source.get('url'):
                device = phone_emulator.Phone(mac, model, firmware, tuple(login) if login else None)
                report = device.boot(self.boot_source['url'], cafile=self.boot_source.get('cafile'))
            else:
                report = self.empty_report('the lab has no share to boot from')
            with self.lock:
                self.report = report
                # the image its master named is flashed: device/info reports the booted version from now on
                self.state['firmware'] = report.get('firmware_version') or self.state['firmware']
                self.boots += 1
                self.booted_at = time.time()
                self.available = True
            LOG.debug('%s booted: %s', self.name, 'registered' if report['lync']['registered'] else report['lync']['reasons'])
            return report

    def safe_restart(self, never_back=False):
        """After the 2000 answer: restart now, or when the call ends ([doc] a safe restart does not interrupt a call)."""
        with self.lock:
            self.stats['restarts'] += 1
            if self.state['in_call'] and not never_back:
                self.restart_pending = True
                return
        self.begin_restart(never_back)

    def begin_restart(self, never_back=False):
        with self.lock:
            self.restart_pending = False
            self.available = False
            generation = self.generation
        if never_back:
            return
        thread = threading.Thread(target=self._come_back, args=(generation,), name='restart-%s' % self.name, daemon=True)
        thread.start()

    def _come_back(self, generation):
        time.sleep(float(self.boot_source.get('restart_seconds', 2.0)))
        with self.lock:
            if generation != self.generation:
                return  # factory reset meanwhile
        self.boot()

    # -- the REST API ----------------------------------------------------------

    def take_fault(self, path):
        """The first queued fault that applies to a request for ``path`` (no_return faults wait for a safeRestart)."""
        with self.lock:
            for index, fault in enumerate(self.faults):
                if fault.get('endpoint') not in (None, path):
                    continue
                if fault['kind'] == 'no_return' and path != SAFE_RESTART:
                    continue
                fault['count'] -= 1
                if fault['count'] <= 0:
                    self.faults.pop(index)
                return dict(fault)
            return None

    def offered(self, user, password):
        """Every distinct user/password pair a client sent (the lab's tests prove which credentials reach which device)."""
        with self.lock:
            if [user, password] not in self.stats['credentials']:
                self.stats['credentials'].append([user, password])

    def count(self, method, path, auth_failed=False, not_found=False, unavailable=False):
        with self.lock:
            self.stats['requests'] += 1
            key = '%s %s' % (method, path)
            self.stats['by_endpoint'][key] = self.stats['by_endpoint'].get(key, 0) + 1
            self.stats['auth_failures'] += int(auth_failed)
            self.stats['not_found'] += int(not_found)
            self.stats['unavailable'] += int(unavailable)

    def uptime(self):
        seconds = int(time.time() - self.booted_at)
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

    def line_info(self):
        """Menu > Status > Lines of the configuration the phone booted with."""
        with self.lock:
            report = self.report
        params = report['parameters']
        numbers = sorted(set([1]) | set(int(m.group(1)) for m in (re.match(r'^reg\.([0-9]+)\.address$', n) for n in params) if m))
        return {'Status': '2000', 'data': [self._line(number, params, report['lync']) for number in numbers]}

    def _line(self, number, params, lync):
        def get(name):
            return params.get('reg.%d.%s' % (number, name), {}).get('value', '')
        login = self.state.get('login_credentials') or ('', '', '')
        registered = number == 1 and lync['registered']
        server = get('server.1.address') or params.get('voIpProt.server.%d.address' % 1, {}).get('value', '')
        address = get('address')
        user = get('auth.userId') or (login[0] if get('auth.useLoginCredentials') == '1' else '')
        return {'LineNumber': str(number), 'SIPAddress': address, 'RegistrationStatus': 'registered' if registered else 'unregistered',
                'UserID': user, 'Label': get('label') or address.split('@')[0].replace('sip:', ''), 'LineType': 'private',
                'Protocol': 'SIP', 'ProxyAddress': server, 'Port': get('server.1.port') or '0'}

    def config_get(self, names):
        config = self.effective_config()
        data = {}
        for name in names:
            item = config.get(name) or {'value': '', 'source': 'default'}
            data[name] = {'Value': item['value'], 'Source': item['source']}
        return {'Status': '2000', 'data': data}

    def config_set(self, values):
        """Validate every value first (nothing applied on a refusal), then keep them and upload <mac>-web.cfg."""
        refused = [name for name, value in sorted(values.items()) if not isinstance(value, str) or not PARAMETER_NAME.match(name)
                   or (value != NULL and phone_emulator.check_value(name, value) is not None)]
        if refused:
            return {'Status': '4000', 'message': 'invalid value for %s' % ', '.join(refused)}
        with self.lock:
            self.rest_values.update(values)
            stored = dict(self.rest_values)
            directory = (self.report.get('directories') or {}).get('OVERRIDES_DIRECTORY')
        self.upload_overrides(stored, directory)
        return {'Status': '2000'}

    def upload_overrides(self, values, directory):
        """What the web utility's changes become on the share: <OVERRIDES_DIRECTORY>/<mac>-web.cfg [inferred]."""
        if not self.boot_source.get('url') or directory is None:
            return
        body = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<PHONE_CONFIG>\n  <OVERRIDES %s/>\n</PHONE_CONFIG>\n' % ' '.join(
            '%s=%s' % (name, quoteattr(value)) for name, value in sorted(values.items()))
        relative = '%s%s-web.cfg' % (directory.strip('/') + '/' if directory.strip('/') else '', self.state['mac'])
        transport = phone_emulator.Transport(self.boot_source['url'], self.boot_source.get('cafile'))
        try:
            with transport:
                error = transport.upload(relative, body.encode('utf-8'))
        except (OSError, phone_emulator.BootError) as exc:
            error = str(exc)
        if error:
            LOG.warning('%s: upload of %s refused: %s', self.name, relative, error)


class PhoneHandler(labkit.DeviceHandler):
    server_version = 'Polycom-UCS-REST-lab/1.0'
    not_found = {'Status': '4004', 'message': 'not found'}

    def read_request(self):
        try:
            return (labkit.parse_json(labkit.read_content(self), empty={}),)
        except ValueError as exc:  # also a Content-Length that is no number, and UnicodeDecodeError
            self._send(400, {'Status': '4000', 'message': 'body is not JSON: %s' % exc})
            return None

    def route(self, path):
        if (self.command, path) in (('POST', '/_lab/boot'), ('GET', '/_lab/config')):
            return self._lab_extra
        if path == '/_lab' or path.startswith('/_lab/'):
            return self._lab
        return self._api if path.startswith('/api/') else None

    def _lab(self, path, body):
        self.answer_lab(self.server.phone, path, body, parse_faults)

    def _lab_extra(self, path, _body):
        phone = self.server.phone
        if path == '/_lab/boot':
            report = phone.boot()
            self._send(200, {'success': True, 'booted': report['booted'], 'line1_registered': report['lync']['registered'],
                             'errors': report['errors']})
        else:
            self._send(200, phone.effective_config())

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

    def _api(self, path, body):
        phone = self.server.phone
        method = self.command
        if not phone.state['api_enabled']:
            phone.count(method, path, not_found=True)
            self._send(404, {'Status': '4004', 'message': 'Not Found'})
            return
        if not phone.available:
            phone.count(method, path, unavailable=True)
            if phone.boot_source.get('restart_answer') == '503':
                self._send(503, {'Status': '5000', 'message': 'restarting'}, [('Retry-After', '1')])
                return
            raise labkit.DropConnection()
        fault = phone.take_fault(path)
        if self._fault_answered(phone, fault, method, path):
            return
        if not self._authorized(phone):
            phone.count(method, path, auth_failed=True)
            self._send(401, {'Status': '4003', 'message': 'Unauthorized'}, [('WWW-Authenticate', 'Basic realm="Polycom REST API"')])
            return
        if (path in INFO_PATHS and INFO_PATHS[path] not in phone.state['api_versions']) or (path not in INFO_PATHS and path not in METHODS):
            phone.count(method, path, not_found=True)
            self._send(404, {'Status': '4004', 'message': 'Not Found'})
            return
        phone.count(method, path)
        allowed = METHODS.get(path, 'GET')
        if method != allowed:
            self._send(405, {'Status': '4004', 'message': 'Method Not Allowed'}, [('Allow', allowed)])
            return
        self._answer(phone, path, body, fault)

    def _fault_answered(self, phone, fault, method, path):
        """Apply a fault; True when it answered (or dropped) the request."""
        if not fault or fault['kind'] in ('slow', 'no_return'):
            if fault and fault['kind'] == 'slow':
                time.sleep(fault['delay'])
            return False
        phone.count(method, path)
        if fault['kind'] == 'drop':
            raise labkit.DropConnection()
        if fault['kind'] == 'status':
            self._send(fault['status'], {'Status': '5000', 'message': 'lab fault: HTTP %d' % fault['status']}, labkit.retry_after(fault))
        else:
            self._send(200, {'Status': fault['api_status']})
        return True

    def _answer(self, phone, path, body, fault):
        if path in INFO_PATHS:
            with phone.lock:
                answer = phone.info(INFO_PATHS[path])
            self._send(200, answer)
        elif path == LINE_INFO:
            self._send(200, phone.line_info())
        elif path == SAFE_RESTART:
            self._send(200, {'Status': '2000'})
            phone.safe_restart(never_back=bool(fault and fault['kind'] == 'no_return'))
        else:
            self._send(200, self._config(phone, path, body))

    @staticmethod
    def _config(phone, path, body):
        data = body.get('data') if isinstance(body, dict) else None
        wanted = list if path == CONFIG_GET else dict
        if not isinstance(data, wanted) or not data or (wanted is list and not all(isinstance(n, str) for n in data)):
            return {'Status': '4000', 'message': 'data must be a non-empty %s' % ('list of names' if wanted is list else 'object')}
        if len(data) > MAX_PARAMETERS:
            return {'Status': '4009', 'message': 'at most %d parameters a request (got %d)' % (MAX_PARAMETERS, len(data))}
        return phone.config_get(data) if path == CONFIG_GET else phone.config_set(data)


class PhoneServer(labkit.TLSDeviceServer):
    """HTTPS server of one phone."""

    tcp_nodelay = True

    def __init__(self, phone, context, host):
        self.phone = phone
        super().__init__((host, phone.port), PhoneHandler, context, phone.name, LOG)


def bulk_phones(bulk):
    """Generated phones for benchmarks: name_prefix + 001..., consecutive ports and MACs."""
    count = int(bulk.get('count', 0))
    prefix = str(bulk.get('mac_prefix', '0004f2c0')).lower()
    digits = 12 - len(prefix)
    phones = []
    for index in range(1, count + 1):
        phone = dict((k, v) for k, v in bulk.items() if k in STATE_KEYS)
        phone.update(name='%s%03d' % (bulk.get('name_prefix', 'vvx-bulk-'), index), port=int(bulk.get('base_port', 9600)) + index - 1,
                     mac='%s%0*x' % (prefix, digits, index))
        phones.append(phone)
    return phones


class PhoneRestService:
    """Every phone of the section, each on its own port, in the lab process."""

    def __init__(self, section, lab):
        section = dict(section) if isinstance(section, dict) else {}
        defaults = dict(DEFAULTS)
        defaults.update((k, v) for k, v in section.items() if k in STATE_KEYS)
        settings = dict(SECTION_DEFAULTS)
        settings.update((k, v) for k, v in section.items() if k in SECTION_DEFAULTS)
        offset = int(lab.get('port_offset', 0))
        self.host = lab.get('host', '127.0.0.1')
        share = (lab.get('services') or {}).get('share') or {}
        boot_source = {'url': share.get('%s_url' % settings['protocol']), 'cafile': lab.get('ca'),
                       'restart_seconds': float(settings['restart_seconds']), 'restart_answer': settings['restart_answer']}
        context = labkit.make_ssl_context(lab['certfile'], lab['keyfile'])
        self.servers, self.threads = [], []
        try:
            for cfg in list(section.get('phones') or []) + bulk_phones(section.get('bulk') or {}):
                cfg = dict(cfg, port=int(cfg['port']) + offset)
                self.servers.append(PhoneServer(Phone(cfg, defaults, boot_source), context, self.host))
        except Exception:
            self.close()
            raise
        self.boot_all()
        self.threads = [labkit.serve_in_thread(server, 'phone-rest-%s' % server.phone.name) for server in self.servers]
        LOG.info('phone REST API: %d phones%s', len(self.servers), (' booting from %s' % boot_source['url'].split('@')[-1])
                 if boot_source['url'] else ', no share to boot from')

    def boot_all(self):
        """The first boot of every phone, a few at a time (the lab's share serves them all)."""
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda server: server.phone.boot(), self.servers))

    def close(self):
        labkit.stop_servers(self.servers, bool(self.threads))
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
