# -*- coding: utf-8 -*-
# Copyright: (c) polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lab launcher: emulated Pano devices as real HTTPS servers on 127.0.0.1.

CLI:
    python tests/lab/lab.py up     --state-dir .lab --config tests/lab/lab.json [--count-extra N]
    python tests/lab/lab.py down   --state-dir .lab
    python tests/lab/lab.py status --state-dir .lab
    python tests/lab/lab.py run    --state-dir .lab --config tests/lab/lab.json   (foreground, used by up)

Python:
    sys.path.insert(0, 'tests/lab'); from lab import Lab
    lab = Lab('/tmp/x', 'tests/lab/lab.json').start(); ...; lab.stop()

Standard library + cryptography only; nothing from plugins/ is imported.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import fcntl
import hashlib
import http.client
import importlib
import ipaddress
import json
import logging
import os
import signal
import ssl
import subprocess
import sys
import threading
import time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CONFIG = os.path.join(HERE, 'lab.json')
HOST = '127.0.0.1'
START_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0

PIDFILE = 'lab.pid'
LOGFILE = 'lab.log'
STATEFILE = 'lab-state.json'
CONFIGFILE = 'lab-config.json'
LOCKFILE = 'lab.lock'

DEVICE_DEFAULTS = {
    'type': 'pano',
    'softwareVersion': '1.1.2.1007',
    'hardwareVersion': '1',
    'max_sessions': 4,
    'restart_seconds': 3,
    'session_idle_seconds': 300,
    'state': {},
}


class LabError(Exception):
    pass


# ---------------------------------------------------------------------------
# configuration
# ---------------------------------------------------------------------------

def _bulk_devices(bulk, count):
    base_port = int(bulk.get('base_port', 9400))
    template = {k: v for k, v in bulk.items() if k not in ('count', 'base_port', 'name_prefix')}
    prefix = bulk.get('name_prefix', 'pano-bulk-')
    devices = []
    for index in range(1, count + 1):
        tail = '%06X' % (0xB00000 + index)
        dev = copy.deepcopy(template)
        dev.update({
            'name': '%s%03d' % (prefix, index),
            'port': base_port + index - 1,
            'serial': '8217%04d%s' % (9000 + index % 1000, tail),
            'macAddress': '00:e0:db:%s:%s:%s' % (tail[0:2].lower(), tail[2:4].lower(), tail[4:6].lower()),
        })
        devices.append(dev)
    return devices


# Other emulated systems plug in here: a top-level section of the lab config names the module in
# tests/lab that serves it. The module provides start(section, lab) -> object with close() and
# state() (a JSON-able dict for lab-state.json, under "services"); ``lab`` holds host, state_dir,
# certfile, keyfile, ca and port_offset (add it to every port the section names), and ``services``: the
# state() of the services started before (the share starts first).
SERVICES = {
    'share': 'share_server',
    'phone_rest': 'phone_rest_emulator',
    'group_series': 'group_series_emulator',
}


def load_config(config=None, count_extra=None, port_offset=0):
    """Return the normalized lab config: {"host", "ca", "devices": [...]} with every device fully specified."""
    if config is None:
        config = DEFAULT_CONFIG
    if isinstance(config, (str, os.PathLike)):
        with open(config, encoding='utf-8') as handle:
            raw = json.load(handle)
    else:
        raw = copy.deepcopy(config)
    defaults = dict(DEVICE_DEFAULTS)
    defaults.update(raw.get('defaults') or {})
    devices = list(raw.get('devices') or [])
    bulk = dict(raw.get('pano_bulk') or {})
    count = int(count_extra if count_extra is not None else bulk.get('count', 0))
    devices.extend(_bulk_devices(bulk, count))
    result = []
    names = set()
    ports = set()
    for dev in devices:
        full = copy.deepcopy(defaults)
        full.update(dev)
        full['port'] = full.get('port', 0) + port_offset
        for key in ('name', 'port', 'serial'):
            if key not in full:
                raise LabError('device %r: "%s" is required' % (dev, key))
        if full['type'] != 'pano':
            raise LabError('device %s: only type "pano" is emulated' % full['name'])
        if len(full['serial']) < 6:
            raise LabError('device %s: the serial needs at least six characters' % full['name'])
        if full['name'] in names or full['port'] in ports:
            raise LabError('device %s: duplicate name or port' % full['name'])
        names.add(full['name'])
        ports.add(full['port'])
        result.append(full)
    # a normalized config (lab-config.json, read back by `run`) keeps its sections under "services"
    # and its offset in "port_offset"; its device ports are already shifted
    stored = raw.get('services') or {}
    services = dict((name, raw.get(name) or stored.get(name)) for name in SERVICES if raw.get(name) or stored.get(name))
    return {'host': raw.get('host', HOST), 'ca': raw.get('ca') or {}, 'devices': result, 'services': services,
            'port_offset': int(raw.get('port_offset') or 0) + port_offset}


def config_fingerprint(config):
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode('utf-8')).hexdigest()


# ---------------------------------------------------------------------------
# certificates
# ---------------------------------------------------------------------------

def _write_private(path, data):
    fd = os.open(path + '.tmp', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'wb') as handle:
        handle.write(data)
    os.replace(path + '.tmp', path)


def _write_public(path, data):
    with open(path + '.tmp', 'wb') as handle:
        handle.write(data)
    os.replace(path + '.tmp', path)


def _key_pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def _make_ca(common_name, days=3650):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, 'polycom.uc lab'), x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _make_server_cert(ca_key, ca_cert, days=825):
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, 'polycom.uc lab'), x509.NameAttribute(NameOID.COMMON_NAME, 'localhost')]))
        .issuer_name(ca_cert.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName('localhost')]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _load_cert(path):
    with open(path, 'rb') as handle:
        return x509.load_pem_x509_certificate(handle.read())


def _still_valid(cert, margin_days=7):
    return cert.not_valid_after_utc - datetime.timedelta(days=margin_days) > datetime.datetime.now(datetime.timezone.utc)


def ensure_certs(state_dir, ca_cfg=None):
    """Create (once) the lab CA, the server certificate it signs, and an unrelated wrong CA. Return their paths."""
    ca_cfg = ca_cfg or {}
    paths = {name: os.path.join(state_dir, name) for name in ('ca.pem', 'ca.key', 'server.pem', 'server.key', 'wrong-ca.pem')}
    ca_cert = ca_key = None
    if os.path.exists(paths['ca.pem']) and os.path.exists(paths['ca.key']):
        try:
            ca_cert = _load_cert(paths['ca.pem'])
            with open(paths['ca.key'], 'rb') as handle:
                ca_key = serialization.load_pem_private_key(handle.read(), password=None)
            if not _still_valid(ca_cert):
                ca_cert = ca_key = None
        except (ValueError, OSError):
            ca_cert = ca_key = None
    if ca_cert is None:
        ca_key, ca_cert = _make_ca('%s %s' % (ca_cfg.get('common_name', 'polycom.uc lab CA'), os.urandom(4).hex()))
        _write_private(paths['ca.key'], _key_pem(ca_key))
        _write_public(paths['ca.pem'], ca_cert.public_bytes(serialization.Encoding.PEM))
    reissue = True
    if os.path.exists(paths['server.pem']) and os.path.exists(paths['server.key']):
        try:
            server_cert = _load_cert(paths['server.pem'])
            server_cert.verify_directly_issued_by(ca_cert)
            reissue = not _still_valid(server_cert)
        except (ValueError, TypeError, OSError, x509.InvalidSignature):
            reissue = True
    if reissue:
        key, cert = _make_server_cert(ca_key, ca_cert)
        _write_private(paths['server.key'], _key_pem(key))
        _write_public(paths['server.pem'], cert.public_bytes(serialization.Encoding.PEM) + ca_cert.public_bytes(serialization.Encoding.PEM))
    if not os.path.exists(paths['wrong-ca.pem']):
        wrong = _make_ca('polycom.uc wrong CA %s' % os.urandom(4).hex())[1]
        _write_public(paths['wrong-ca.pem'], wrong.public_bytes(serialization.Encoding.PEM))
    return paths


# ---------------------------------------------------------------------------
# process helpers
# ---------------------------------------------------------------------------

def _read_json(path):
    try:
        with open(path, encoding='utf-8') as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def _write_json(path, data):
    with open(path + '.tmp', 'w', encoding='utf-8') as handle:
        json.dump(data, handle, indent=2, sort_keys=True)
        handle.write('\n')
    os.replace(path + '.tmp', path)


def _read_pid(state_dir):
    try:
        with open(os.path.join(state_dir, PIDFILE), encoding='utf-8') as handle:
            return int(handle.read().strip())
    except (OSError, ValueError):
        return None


def _is_lab_process(pid):
    """True if pid is alive (not a zombie) and is a lab.py run process."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    try:
        with open('/proc/%d/stat' % pid, encoding='utf-8') as handle:
            if handle.read().rsplit(')', 1)[1].split()[0] in ('Z', 'X'):
                return False
        with open('/proc/%d/cmdline' % pid, 'rb') as handle:
            argv = handle.read().split(b'\0')
        return any(arg.endswith(b'lab.py') for arg in argv) and b'run' in argv
    except (OSError, IndexError):
        return True


class _StateLock:
    """Serialize up/down/start/stop on one state directory."""

    def __init__(self, state_dir):
        self.path = os.path.join(state_dir, LOCKFILE)
        self.handle = None

    def __enter__(self):
        self.handle = open(self.path, 'a+', encoding='utf-8')  # pylint: disable=consider-using-with
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def _https_json(host, port, cafile, method, path, body=None, timeout=2.0):
    context = ssl.create_default_context(cafile=cafile)
    conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
    try:
        data = json.dumps(body).encode('utf-8') if body is not None else None
        headers = {'Content-Type': 'application/json'} if data is not None else {}
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        raw = resp.read()
        return resp.status, (json.loads(raw.decode('utf-8')) if raw else None)
    finally:
        conn.close()


def _device_health(state, name):
    dev = state['devices'][name]
    try:
        status, body = _https_json(state['host'], dev['port'], state['ca'], 'GET', '/_lab/health', timeout=1.0)
    except (OSError, ssl.SSLError, http.client.HTTPException, ValueError):
        return False
    return status == 200 and bool(body and body.get('ok'))


def lab_healthy(state):
    return bool(state) and all(_device_health(state, name) for name in state['devices'])


# ---------------------------------------------------------------------------
# the lab
# ---------------------------------------------------------------------------

class Lab:
    """A lab in state_dir: start() brings it up in a background process (idempotent), stop() takes it down."""

    def __init__(self, state_dir, config=None, count_extra=None, port_offset=0):
        self.state_dir = os.path.abspath(state_dir)
        self.config = load_config(config, count_extra, port_offset)
        self.fingerprint = config_fingerprint(self.config)
        self.state = None
        self._proc = None

    # -- paths ----------------------------------------------------------------

    def _path(self, name):
        return os.path.join(self.state_dir, name)

    @property
    def ca(self):
        return self._path('ca.pem')

    @property
    def wrong_ca(self):
        return self._path('wrong-ca.pem')

    @property
    def devices(self):
        return (self.state or self.read_state() or {}).get('devices', {})

    def read_state(self):
        return _read_json(self._path(STATEFILE))

    # -- lifecycle --------------------------------------------------------------

    def running_pid(self):
        pid = _read_pid(self.state_dir)
        if self._proc is not None and self._proc.poll() is not None:
            return None
        return pid if _is_lab_process(pid) else None

    def is_up(self, same_config=True):
        pid = self.running_pid()
        state = self.read_state()
        if not pid or not state or state.get('pid') != pid or not state.get('running'):
            return False
        if same_config and state.get('config_fingerprint') != self.fingerprint:
            return False
        return lab_healthy(state)

    def start(self, timeout=None):
        os.makedirs(self.state_dir, exist_ok=True)
        with _StateLock(self.state_dir):
            if self.is_up():
                self.state = self.read_state()
                return self
            if self.running_pid():
                self._stop_locked()
            ensure_certs(self.state_dir, self.config['ca'])
            _write_json(self._path(CONFIGFILE), self.config)
            try:
                os.unlink(self._path(STATEFILE))
            except FileNotFoundError:
                pass
            cmd = [sys.executable, os.path.abspath(__file__), 'run', '--state-dir', self.state_dir, '--config', self._path(CONFIGFILE)]
            with open(self._path(LOGFILE), 'ab') as log, open(os.devnull, 'rb') as devnull:
                self._proc = subprocess.Popen(cmd, stdin=devnull, stdout=log, stderr=subprocess.STDOUT,  # pylint: disable=consider-using-with
                                              start_new_session=True, close_fds=True, cwd=self.state_dir)
            if timeout is None:
                timeout = START_TIMEOUT + 0.05 * len(self.config['devices'])
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self._proc.poll() is not None:
                    raise LabError('the lab process exited with %s during start; see %s:\n%s' % (
                        self._proc.returncode, self._path(LOGFILE), self.log_tail()))
                state = self.read_state()
                if state and state.get('pid') == self._proc.pid and state.get('running') and lab_healthy(state):
                    self.state = state
                    return self
                time.sleep(0.1)
            self._stop_locked()
            raise LabError('the lab did not answer on every device within %.0f s; see %s:\n%s' % (timeout, self._path(LOGFILE), self.log_tail()))

    def stop(self):
        if not os.path.isdir(self.state_dir):
            return self
        with _StateLock(self.state_dir):
            self._stop_locked()
        return self

    def _stop_locked(self):
        pid = self.running_pid()
        if pid:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pid = None
            deadline = time.monotonic() + STOP_TIMEOUT
            while pid and time.monotonic() < deadline:
                if self._proc is not None and self._proc.pid == pid:
                    if self._proc.poll() is not None:
                        break
                elif not _is_lab_process(pid):
                    break
                time.sleep(0.05)
            else:
                if pid:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
        if self._proc is not None:
            try:
                self._proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                pass
            self._proc = None
        try:
            os.unlink(self._path(PIDFILE))
        except FileNotFoundError:
            pass
        self.state = None

    def log_tail(self, lines=30):
        try:
            with open(self._path(LOGFILE), encoding='utf-8', errors='replace') as handle:
                return ''.join(handle.readlines()[-lines:])
        except OSError:
            return ''

    def status(self):
        state = self.read_state() or {}
        pid = self.running_pid()
        running = bool(pid and state.get('pid') == pid and state.get('running'))
        devices = {}
        for name, dev in (state.get('devices') or {}).items():
            devices[name] = {'port': dev['port'], 'healthy': running and _device_health(state, name)}
        return {
            'running': running, 'pid': pid if running else None, 'state_dir': self.state_dir,
            'healthy': running and bool(devices) and all(d['healthy'] for d in devices.values()), 'devices': devices,
        }

    # -- control API helper for tests ---------------------------------------------

    def control(self, device, method, path, body=None):
        """Call the lab control API of one device, e.g. lab.control('pano1', 'GET', '/_lab/stats')."""
        state = self.state or self.read_state()
        dev = state['devices'][device]
        status, answer = _https_json(state['host'], dev['port'], state['ca'], method, path, body, timeout=10.0)
        if status >= 400:
            raise LabError('%s %s on %s: HTTP %d %r' % (method, path, device, status, answer))
        return answer

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def run_foreground(state_dir, config_path):
    """The lab process: serve every device until SIGTERM/SIGINT."""
    if HERE not in sys.path:
        sys.path.insert(0, HERE)
    import pano_emulator  # pylint: disable=import-outside-toplevel

    logging.basicConfig(level=logging.DEBUG if os.environ.get('LAB_DEBUG') else logging.INFO,
                        format='%(asctime)s %(levelname)s %(name)s: %(message)s', stream=sys.stderr)
    log = logging.getLogger('lab')
    state_dir = os.path.abspath(state_dir)
    os.makedirs(state_dir, exist_ok=True)
    config = load_config(config_path)
    paths = ensure_certs(state_dir, config['ca'])
    stop = threading.Event()

    def on_signal(signum, _frame):
        log.info('signal %d: stopping', signum)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        emulator = pano_emulator.Emulator(config['devices'], paths['server.pem'], paths['server.key'], config['host'])
    except OSError as exc:
        log.error('cannot start the lab: %s (is a port in use?)', exc)
        return 1
    emulator.start()
    services = {}
    context = dict(host=config['host'], state_dir=state_dir, certfile=paths['server.pem'], keyfile=paths['server.key'],
                   ca=paths['ca.pem'], port_offset=config.get('port_offset', 0))
    try:
        # the share first: services that boot from it (phone_rest) find its URLs in lab['services']['share']
        for name, section in sorted(config.get('services', {}).items(), key=lambda item: (item[0] != 'share', item[0])):
            module = importlib.import_module(SERVICES[name])
            started = dict((other, service.state()) for other, service in services.items())
            services[name] = module.start(section, dict(context, services=started))
    except Exception as exc:  # pylint: disable=broad-exception-caught
        log.error('cannot start the lab service %s: %s', name, exc)
        for service in services.values():
            service.close()
        emulator.close()
        return 1
    pid = os.getpid()
    with open(os.path.join(state_dir, PIDFILE), 'w', encoding='utf-8') as handle:
        handle.write('%d\n' % pid)
    state = {
        'pid': pid,
        'running': True,
        'host': config['host'],
        'state_dir': state_dir,
        'ca': paths['ca.pem'],
        'wrong_ca': paths['wrong-ca.pem'],
        'log': os.path.join(state_dir, LOGFILE),
        'config_fingerprint': config_fingerprint(config),
        'started': datetime.datetime.now(datetime.timezone.utc).isoformat(),
        'devices': {},
        'services': dict((name, service.state()) for name, service in services.items()),
    }
    for dev in config['devices']:
        base = 'https://%s:%d' % (config['host'], dev['port'])
        state['devices'][dev['name']] = {
            'type': dev['type'],
            'port': dev['port'],
            'base_url': base,
            'control_url': base + '/_lab',
            'serial': dev['serial'],
            'softwareVersion': dev['softwareVersion'],
            'factory_password': dev['serial'][-6:],
        }
    _write_json(os.path.join(state_dir, STATEFILE), state)
    log.info('lab up: pid %d, %d devices: %s', pid, len(config['devices']),
             ', '.join('%s:%d' % (d['name'], d['port']) for d in config['devices']))
    try:
        while not stop.wait(0.5):
            pass
    finally:
        for service in services.values():
            service.close()
        emulator.close()
        state['running'] = False
        _write_json(os.path.join(state_dir, STATEFILE), state)
        if _read_pid(state_dir) == pid:
            try:
                os.unlink(os.path.join(state_dir, PIDFILE))
            except FileNotFoundError:
                pass
        log.info('lab down')
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description='polycom.uc device lab (emulated Pano devices on 127.0.0.1)')
    sub = parser.add_subparsers(dest='command', required=True)
    for name in ('up', 'run', 'down', 'status'):
        cmd = sub.add_parser(name)
        cmd.add_argument('--state-dir', default='.lab')
        if name in ('up', 'run'):
            cmd.add_argument('--config', default=DEFAULT_CONFIG)
        if name == 'up':
            cmd.add_argument('--count-extra', type=int, default=None, help='number of generated pano_bulk devices (overrides the config)')
            cmd.add_argument('--timeout', type=float, default=None)
            cmd.add_argument('--port-offset', type=int, default=0, help='shift every port (a second lab beside the default one)')
    args = parser.parse_args(argv)

    if args.command == 'run':
        return run_foreground(args.state_dir, args.config)

    try:
        if args.command == 'up':
            lab = Lab(args.state_dir, args.config, args.count_extra, args.port_offset)
            already = lab.is_up()
            lab.start(timeout=args.timeout)
            state = lab.state
            print('lab %s: pid %d, %d devices (%s), CA %s' % (
                'already running' if already else 'up', state['pid'], len(state['devices']),
                ', '.join('%s:%d' % (n, d['port']) for n, d in sorted(state['devices'].items(), key=lambda i: i[1]['port'])[:8])
                + (', ...' if len(state['devices']) > 8 else ''), state['ca']))
            return 0
        lab = Lab(args.state_dir, _read_json(os.path.join(os.path.abspath(args.state_dir), CONFIGFILE)) or {'devices': []})
        if args.command == 'down':
            was = lab.running_pid()
            lab.stop()
            print(('lab stopped (pid %s)' % was) if was else 'lab was not running')
            return 0
        status = lab.status()
        print(json.dumps(status, indent=2, sort_keys=True))
        return 0 if status['healthy'] else 1
    except LabError as exc:
        print('lab: %s' % exc, file=sys.stderr)
        return 1


if __name__ == '__main__':
    sys.exit(main())
