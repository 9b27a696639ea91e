# -*- coding: utf-8 -*-
# Copyright: (c) polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Polycom UC Software phone emulator (test double): boots from a provisioning share like a phone.

It implements the boot contract of docs/phone-boot.md (labels there: [doc], [capture], [inferred]);
where this file decides something that page leaves open it says [inferred]:

1. server URL ftp://, https:// (or file:// for a local directory); user:password@ in the URL. If the path
   ends in .cfg that file is the master; otherwise <mac>.cfg, and if that is missing 000000000000.cfg.
2. the master's <APPLICATION> attributes; a per-model variant (CONFIG_FILES_VVX500) wins over the
   generic one; [PHONE_MAC_ADDRESS] in CONFIG_FILES is replaced by the MAC (12 lower-case hex digits).
3. CONFIG_FILES left to right, the first occurrence of a parameter wins (also inside one file, in
   document order [inferred]); every attribute of every element is a parameter; element text is ignored.
4. <OVERRIDES_DIRECTORY>/<mac>-phone.cfg, then <mac>-web.cfg, beat every CONFIG_FILES entry (changes
   made on the phone beat changes made in the web UI [inferred from the admin guide's precedence list]).
5. A file whose first line carries "Digest=" is encrypted: this emulator has no key, so it reports the
   file unreadable and uses nothing from it. A file that is not well-formed XML is ignored as a whole.
   A missing CONFIG_FILES entry is logged and skipped.
6. A value outside its permitted values (RULES below: the seed guide's Table 5 and the Lync tables) is
   logged as an error in the app log and not used: the parameter keeps its default [inferred: the
   phone does not fall back to a lower-priority file].
7. Uploads <LOG_FILE_DIRECTORY>/<mac>-boot.log and <mac>-app.log (FTP STOR, HTTPS PUT). Log lines are
   Polycom-style "MMDDhhmmss|module|level|00|text"; both logs carry the lines
       Phone model: VVX500, MAC address: 0004f2aabbcc
       Application version: 4.0.1.13681
   which is where polycom.uc.ucs_share_info reads the firmware version from.
7a. Firmware: the image APP_FILE_PATH names (APP_FILE_PATH_<model> wins, [capture]) is fetched; when it holds a
   version other than the running one the phone "installs" it and reboots into it, so its logs report that version.
   A missing image, or one that is no image of the lab's fake format, is logged and the phone keeps its firmware.
   The fake format is this lab's own [inferred] (real images are opaque binaries): make_image() writes it,
   image_version() reads it: a magic line, then "version=<v>" and "part=<part number>" lines, then binary padding
   (make_package() writes a package of them with sip.ver, as a directory or a zip).
8. Lync verdict for line 1 (the guide's Menu > Status > Lines check): UC Software 4.0.1 or later; reg.1.address set; a server
   (reg.1.server.1.address, else voIpProt.server.1.address); transport TLS (reg.1.server.1.transport when
   reg.1.server.1.address is set, else voIpProt.server.1.transport; default DNSnaptr); specialInterop
   lync2010 (reg.1.server.1.specialInterop, which overrides voIpProt.server.1.specialInterop; default
   standard); credentials: reg.1.auth.userId, .password and .domain in the files, or
   reg.1.auth.useLoginCredentials=1 and the user entered credentials at the phone (--login-credentials).

Library:
    from phone_emulator import Phone
    report = Phone('0004f2aabbcc', 'VVX500', '4.0.1.13681', login_credentials=('jsmith', 'pw', 'BOR-EE')).boot(url, cafile=ca)

CLI:
    python tests/lab/phone_emulator.py boot --server ftp://PlcmSpIp:PlcmSpIp@127.0.0.1:8421 --mac 0004f2aabbcc \\
        --model VVX500 --firmware 4.0.1.13681 [--login-credentials user:password:domain] [--ca ca.pem] [--json]
    python tests/lab/phone_emulator.py boot-lab --state-dir .lab [--protocol ftp|https] [--json]
        [--login-credentials user:password:domain]
        (boots every phone a .cfg file on the share names, with model, firmware and login credentials from
        the share section's phones list where it has them; exit 1 if one would not register)

Standard library only; nothing from plugins/ is imported (a test double, independent of the code under test).
"""

from __future__ import annotations

import argparse
import base64
import datetime
import ftplib
import http.client
import io
import json
import os
import re
import ssl
import sys
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

FACTORY_MASTER = '000000000000.cfg'
MAC_TOKEN = '[PHONE_MAC_ADDRESS]'
MASTER_ATTRIBUTES = ('APP_FILE_PATH', 'CONFIG_FILES', 'MISC_FILES', 'LOG_FILE_DIRECTORY', 'OVERRIDES_DIRECTORY',
                     'CONTACTS_DIRECTORY', 'LICENSE_DIRECTORY', 'USER_PROFILES_DIRECTORY', 'CALL_LISTS_DIRECTORY',
                     'COREFILE_DIRECTORY')
MASKED = '********'
TIMEOUT = 10.0

TRANSPORTS = ('DNSnaptr', 'TCPpreferred', 'UDPOnly', 'TLS', 'TCPOnly')
INTEROPS = ('standard', 'ocs2007r2', 'lcs2005', 'lync2010')
BOOL = ('0', '1')
N = r'[0-9]+'

# name pattern -> permitted values: a tuple of strings, or (low, high) integers
RULES = [(re.compile('^%s$' % pattern), allowed) for pattern, allowed in (
    (r'(reg\.%s\.server\.%s|voIpProt\.server\.%s)\.transport' % (N, N, N), TRANSPORTS),
    (r'(reg\.%s\.server\.%s|voIpProt\.server\.%s)\.specialInterop' % (N, N, N), INTEROPS),
    (r'(reg\.%s\.server\.%s|voIpProt\.server\.%s)\.port' % (N, N, N), (0, 65535)),
    (r'msg\.mwi\.%s\.callBackMode' % N, ('contact', 'registration', 'disabled')),
    (r'reg\.%s\.auth\.useLoginCredentials' % N, BOOL),
    (r'reg\.%s\.srtp\.(enable|offer|require)' % N, BOOL),
    (r'reg\.%s\.telephony' % N, BOOL),
    (r'pres\.idleTimeout\.(offHours|officeHours)\.enabled', BOOL),
    (r'pres\.idleTimeout\.(offHours|officeHours)\.period', (1, 600)),
    (r'(feature\.presence\.enabled|feature\.messaging\.enabled|callLists\.logConsultationCalls)', BOOL),
    (r'roaming_buddies\.reg', (1, 34)),
    (r'sec\.srtp\.(enable|offer|require|mki\.enabled|holdWithNewKey|resumeWithNewKey)', BOOL),
    (r'sec\.srtp\.mki\.length', (1, 4)),
    (r'(voIpProt\.SIP\.mtls\.enable|voIpProt\.SIP\.allowTransferOnProceeding|voIpProt\.SIP\.use486forReject)', BOOL),
    (r'tcpIpApp\.keepalive\.tcp\.sip\.tls\.enable', BOOL),
    (r'voIpProt\.SIP\.IM\.autoAnswerDelay', (0, 40)),
    (r'sec\.TLS\.profileSelection\.SIP', ('PlatformProfile1', 'PlatformProfile2') + tuple('ApplicationProfile%d' % i for i in range(1, 7))),
    (r'device\.set|device\..+\.set', BOOL),
)]
SECRET = re.compile(r'(password|\.key$|passwd)', re.I)
FAKE_IMAGE_MAGIC = b'\x00\x7fPOLYCOM-UC-LAB-FAKE-IMAGE\x00\n'  # [inferred] the lab's format, see 7a


def check_value(name, value):
    """None when the value is permitted (or the parameter has no rule here), else what is permitted."""
    for pattern, allowed in RULES:
        if pattern.match(name):
            if len(allowed) == 2 and isinstance(allowed[0], int):
                low, high = allowed
                if not re.match(r'^-?[0-9]+$', value.strip()) or not low <= int(value) <= high:
                    return '%d to %d' % (low, high)
                return None
            return None if value in allowed else ', '.join(allowed)
    return None


def normalize_mac(mac):
    text = re.sub(r'[^0-9a-fA-F]', '', mac or '').lower()
    if len(text) != 12:
        raise ValueError('a MAC address has 12 hex digits: %r' % mac)
    return text


class BootError(Exception):
    pass


# ---------------------------------------------------------------------------
# the lab's fake UC Software images (7a)
# ---------------------------------------------------------------------------

def make_image(version, part, size=4096):
    """A fake image of ``size`` bytes: magic, version and part lines, then binary padding derived from them."""
    head = FAKE_IMAGE_MAGIC + ('version=%s\npart=%s\n' % (version, part)).encode('ascii')
    seed = (version + part).encode('ascii')
    block = bytes((seed[i % len(seed)] * 31 + i + 128) % 256 for i in range(4096))  # binary, never text
    wanted = max(0, size - len(head))
    return head + (block * (wanted // len(block) + 1))[:wanted]


def image_version(data):
    """The version in a fake image, or None when the data is not one."""
    if not data or not data.startswith(FAKE_IMAGE_MAGIC):
        return None
    match = re.match(rb'version=([0-9][0-9.]*)\n', data[len(FAKE_IMAGE_MAGIC):len(FAKE_IMAGE_MAGIC) + 64])
    return match.group(1).decode('ascii') if match else None


def make_package(path, version, parts, size=4096, as_zip=False, sip_ver=None):
    """A UC Software package of fake images (one '<part>.sip.ld' per part number) and sip.ver, as a directory or a zip."""
    files = dict(('%s.sip.ld' % part, make_image(version, part, size)) for part in parts)
    files['sip.ver'] = ((version if sip_ver is None else sip_ver) + '\n').encode('ascii')
    if as_zip:
        with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as archive:
            for name, data in sorted(files.items()):
                archive.writestr(name, data)
        return path
    os.makedirs(path, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(path, name), 'wb') as handle:
            handle.write(data)
    return path


# ---------------------------------------------------------------------------
# transports
# ---------------------------------------------------------------------------

class Transport:
    """Fetch and upload files relative to the server's base directory."""

    def __init__(self, url, cafile=None):
        self.url = url
        parts = urllib.parse.urlsplit(url if '://' in url else 'ftp://' + url)
        self.scheme = parts.scheme.lower()
        self.host = parts.hostname or '127.0.0.1'
        self.port = parts.port
        self.user = urllib.parse.unquote(parts.username) if parts.username is not None else None
        self.password = urllib.parse.unquote(parts.password) if parts.password is not None else None
        path = urllib.parse.unquote(parts.path or '/')
        self.master = None
        if path.lower().endswith('.cfg'):
            path, self.master = path.rsplit('/', 1) if '/' in path else ('', path)
        self.base = path.strip('/')
        self.cafile = cafile
        self.requests = []
        self._ftp = None
        if self.scheme not in ('ftp', 'https', 'http', 'file'):
            raise BootError('unsupported provisioning protocol %r' % self.scheme)

    def display(self):
        netloc = self.host + (':%d' % self.port if self.port else '')
        if self.user is not None:
            netloc = '%s:%s@%s' % (self.user, MASKED, netloc)
        return '%s://%s/%s' % (self.scheme, netloc, self.base + '/' if self.base else '')

    def _remote(self, relative):
        relative = relative.lstrip('/')
        return '%s/%s' % (self.base, relative) if self.base else relative

    def __enter__(self):
        if self.scheme == 'ftp':
            ftp = ftplib.FTP(timeout=TIMEOUT)
            ftp.connect(self.host, self.port or 21)
            ftp.login(self.user or 'anonymous', self.password or '')
            self._ftp = ftp
        return self

    def __exit__(self, *exc):
        if self._ftp is not None:
            try:
                self._ftp.quit()
            except (ftplib.all_errors + (OSError,)):
                self._ftp.close()

    def _http(self, method, relative, body=None):
        if self.scheme == 'https':
            context = ssl.create_default_context(cafile=self.cafile)
            conn = http.client.HTTPSConnection(self.host, self.port or 443, timeout=TIMEOUT, context=context)
        else:
            conn = http.client.HTTPConnection(self.host, self.port or 80, timeout=TIMEOUT)
        headers = {'User-Agent': 'FileTransport PolycomPhone (polycom.uc lab emulator)'}
        if self.user is not None:
            token = base64.b64encode(('%s:%s' % (self.user, self.password or '')).encode('utf-8')).decode('ascii')
            headers['Authorization'] = 'Basic ' + token
        try:
            conn.request(method, '/' + urllib.parse.quote(self._remote(relative)), body=body, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def fetch(self, relative):
        """The file's bytes, or None when the server does not have it."""
        self.requests.append(relative)
        if self.scheme == 'ftp':
            buf = io.BytesIO()
            try:
                self._ftp.retrbinary('RETR ' + self._remote(relative), buf.write)
            except ftplib.error_perm as exc:
                if str(exc).startswith('550'):
                    return None
                raise
            return buf.getvalue()
        if self.scheme == 'file':
            try:
                with open(os.path.join('/' + self.base, relative), 'rb') as handle:
                    return handle.read()
            except FileNotFoundError:
                return None
        status, data = self._http('GET', relative)
        if status == 404:
            return None
        if status != 200:
            raise BootError('GET %s: HTTP %d' % (relative, status))
        return data

    def upload(self, relative, data):
        """Store a file; returns None on success, else the server's refusal."""
        try:
            if self.scheme == 'ftp':
                self._ftp.storbinary('STOR ' + self._remote(relative), io.BytesIO(data))
                return None
            if self.scheme == 'file':
                with open(os.path.join('/' + self.base, relative), 'wb') as handle:
                    handle.write(data)
                return None
            status, body = self._http('PUT', relative, data)
            return None if status in (200, 201, 204) else 'HTTP %d %s' % (status, body.decode('utf-8', 'replace').strip())
        except (ftplib.all_errors + (OSError,)) as exc:
            return str(exc)


# ---------------------------------------------------------------------------
# the phone
# ---------------------------------------------------------------------------

class Log:
    def __init__(self):
        self.lines = []

    def add(self, module, level, text):
        stamp = datetime.datetime.now().strftime('%m%d%H%M%S')
        self.lines.append('%s|%-5s|%d|00|%s' % (stamp, module[:5], level, text))

    def data(self):
        return ('\n'.join(self.lines) + '\n').encode('utf-8')


def is_encrypted(data):
    return b'Digest=' in data.split(b'\n', 1)[0]


def parse_parameters(data):
    """[(name, value), ...] in document order: every attribute of every element; text ignored."""
    root = ET.fromstring(data)
    return [(name, value) for elem in root.iter() for name, value in elem.attrib.items()]


class Phone:
    def __init__(self, mac, model, firmware, login_credentials=None):
        self.mac = normalize_mac(mac)
        self.model = model
        self.firmware = firmware
        self.login_credentials = tuple(login_credentials) if login_credentials else None

    def master_value(self, attrib, name):
        """Per-model variant (NAME_<MODEL>) first, then the generic attribute; None if neither."""
        if self.model:
            wanted = ('%s_%s' % (name, self.model)).upper()
            for key, value in attrib.items():
                if key.upper() == wanted:
                    return value
        return attrib.get(name)

    def boot(self, server, cafile=None):
        """Boot once from the server URL. Returns the report (see module docstring); uploads the logs."""
        boot_log, app_log = Log(), Log()
        for log in (boot_log, app_log):
            log.add('so', 4, 'Phone model: %s, MAC address: %s' % (self.model, self.mac))
        transport = Transport(server, cafile)
        report = {
            'mac': self.mac, 'model': self.model, 'firmware_version': self.firmware, 'server': transport.display(),
            'booted': False, 'master': None, 'requested': [], 'config_files': [], 'override_files': [],
            'parameters': {}, 'rejected': [], 'unreadable': [], 'missing': [], 'errors': [], 'uploads': {},
            'app_file_path': None, 'directories': {}, 'firmware': {'image': None, 'status': 'none', 'before': self.firmware},
        }
        boot_log.add('cfg', 4, 'Provisioning server %s' % transport.display())
        try:
            with transport:
                self._boot(transport, report, boot_log, app_log)
        except (BootError, http.client.HTTPException) + ftplib.all_errors as exc:
            report['errors'].append('boot failed: %s' % exc)
            boot_log.add('cfg', 2, 'Boot failed: %s' % exc)
        if report['firmware']['status'] == 'none':  # no master read: the version lines still say what runs
            self._log_version(boot_log, app_log)
        report['requested'] = transport.requests
        report['firmware_version'] = self.firmware
        report['lync'] = self.lync_status(report['parameters'], report['booted'])
        report['boot_log'] = boot_log.lines
        report['app_log'] = app_log.lines
        return report

    def _read_xml(self, transport, name, kind, report, boot_log, app_log):
        """Parameters of one file, or None (missing, encrypted, not well formed)."""
        data = transport.fetch(name)
        if data is None:
            if kind == 'config':
                report['missing'].append(name)
                boot_log.add('cfg', 2, 'Configuration file %s not found' % name)
            return None
        if is_encrypted(data):
            report['unreadable'].append({'file': name, 'reason': 'encrypted'})
            boot_log.add('cfg', 2, '%s is encrypted and this phone has no key (device.sec.configEncryption.key): not used' % name)
            return None
        try:
            params = parse_parameters(data)
        except ET.ParseError as exc:
            report['unreadable'].append({'file': name, 'reason': 'parse error: %s' % exc})
            boot_log.add('cfg', 2, 'Error parsing %s: %s: not used' % (name, exc))
            app_log.add('cfg', 2, 'Error parsing %s: %s' % (name, exc))
            return None
        boot_log.add('cfg', 4, 'Read %s (%d parameters)' % (name, len(params)))
        return params

    def _boot(self, transport, report, boot_log, app_log):
        if transport.master:
            candidates = [transport.master]
        else:
            candidates = ['%s.cfg' % self.mac, FACTORY_MASTER]
        master = data = None
        for name in candidates:
            data = transport.fetch(name)
            if data is not None:
                master = name
                break
            boot_log.add('cfg', 4, 'Requesting %s: not found' % name)
        if master is None:
            raise BootError('no master configuration file (%s)' % ', '.join(candidates))
        report['master'] = master
        if is_encrypted(data):
            raise BootError('master file %s is encrypted (master files never are)' % master)
        try:
            root = ET.fromstring(data)
        except ET.ParseError as exc:
            raise BootError('master file %s: %s' % (master, exc)) from exc
        app = root if root.tag == 'APPLICATION' else root.find('.//APPLICATION')
        if app is None:
            raise BootError('master file %s has no APPLICATION element' % master)
        values = dict((name, self.master_value(app.attrib, name)) for name in MASTER_ATTRIBUTES)
        report['app_file_path'] = values['APP_FILE_PATH']
        report['directories'] = dict((k, v) for k, v in values.items() if k.endswith('_DIRECTORY') and v is not None)
        boot_log.add('cfg', 4, 'Master %s; firmware %s' % (master, values['APP_FILE_PATH']))
        self._update_firmware(transport, values['APP_FILE_PATH'], report, boot_log)
        self._log_version(boot_log, app_log)
        files = [f.strip().replace(MAC_TOKEN, self.mac) for f in (values['CONFIG_FILES'] or '').split(',')]
        files = [f for f in files if f]
        report['config_files'] = files

        effective = {}
        for name in files:
            for param, value in self._read_xml(transport, name, 'config', report, boot_log, app_log) or []:
                effective.setdefault(param, (value, name))
        overrides_dir = (values['OVERRIDES_DIRECTORY'] or '').strip('/')
        override_files = ['%s%s-%s.cfg' % (overrides_dir + '/' if overrides_dir else '', self.mac, kind) for kind in ('phone', 'web')]
        report['override_files'] = override_files
        on_top = {}
        for name in override_files:
            for param, value in self._read_xml(transport, name, 'override', report, boot_log, app_log) or []:
                on_top.setdefault(param, (value, name))
        effective.update(on_top)

        for param in sorted(effective):
            value, source = effective[param]
            allowed = check_value(param, value)
            if allowed is not None:
                report['rejected'].append({'parameter': param, 'value': value, 'file': source, 'allowed': allowed})
                app_log.add('cfg', 2, 'Config: %s="%s" from %s is out of range (%s): not used' % (
                    param, MASKED if SECRET.search(param) else value, source, allowed))
                del effective[param]
        report['parameters'] = dict((param, {'value': value, 'source': source}) for param, (value, source) in sorted(effective.items()))
        report['booted'] = True
        boot_log.add('cfg', 4, 'Configured: %d parameters' % len(effective))

        log_dir = (values['LOG_FILE_DIRECTORY'] or '').strip('/')
        for kind, log in (('boot', boot_log), ('app', app_log)):
            name = '%s%s-%s.log' % (log_dir + '/' if log_dir else '', self.mac, kind)
            if kind == 'app':
                line = self.lync_status(report['parameters'], True)
                app_log.add('sip', 4, 'Line 1: %s%s' % (line['status'], ('' if line['registered'] else ' (%s)' % '; '.join(line['reasons']))))
            error = transport.upload(name, log.data())
            report['uploads'][name] = error or 'ok'
            if error:
                report['errors'].append('upload of %s refused: %s' % (name, error))

    def _log_version(self, boot_log, app_log):
        for log in (boot_log, app_log):
            log.add('so', 4, 'Application version: %s' % self.firmware)

    def _update_firmware(self, transport, path, report, boot_log):
        """7a: boot the image the master names when it holds another version; keep the firmware otherwise (logged)."""
        state = report['firmware']
        state['image'] = path
        if not path:
            state['status'] = 'no_image_named'
            return
        data = transport.fetch(path)
        if data is None:
            state['status'] = 'missing'
            boot_log.add('cfg', 2, 'Firmware image %s not found: keeping application %s' % (path, self.firmware))
            return
        version = image_version(data)
        if version is None:
            state['status'] = 'not_an_image'
            boot_log.add('cfg', 2, 'Firmware image %s (%d bytes) is not a UC Software image: keeping application %s' % (path, len(data), self.firmware))
            return
        if version == self.firmware:
            state['status'] = 'current'
            boot_log.add('cfg', 4, 'Firmware image %s is version %s, already running' % (path, version))
            return
        boot_log.add('cfg', 4, 'Updating application from %s to %s (%s); rebooting' % (self.firmware, version, path))
        state['status'] = 'updated'
        self.firmware = version

    def lync_status(self, params, booted=True):
        """Menu > Status > Lines for line 1, as the guide's check reads it (see the module docstring)."""

        def get(name, default=''):
            return params.get(name, {}).get('value', default)

        reasons = []
        address = get('reg.1.address')
        reg_server = get('reg.1.server.1.address')
        server = reg_server or get('voIpProt.server.1.address')
        if reg_server and 'reg.1.server.1.transport' in params:
            transport = get('reg.1.server.1.transport')
        else:
            transport = get('voIpProt.server.1.transport', 'DNSnaptr')
        transport = transport or 'DNSnaptr'
        if 'reg.1.server.1.specialInterop' in params:
            interop = get('reg.1.server.1.specialInterop')
        else:
            interop = get('voIpProt.server.1.specialInterop', 'standard')
        credentials = None
        if all(get('reg.1.auth.' + k) for k in ('userId', 'password', 'domain')):
            credentials = 'file'
        elif get('reg.1.auth.useLoginCredentials') == '1':
            if self.login_credentials and all(self.login_credentials):
                credentials = 'login'
            else:
                reasons.append('login credentials enabled but none entered at the phone (Menu > Settings > Basic > Login Credentials)')
        else:
            reasons.append('no credentials: neither reg.1.auth.userId/password/domain nor reg.1.auth.useLoginCredentials=1')
        if not booted:
            reasons.insert(0, 'not provisioned')
        version = tuple(int(x) for x in re.findall(r'[0-9]+', self.firmware or '')[:3])
        if version and version < (4, 0, 1):
            reasons.append('UC Software %s: Lync Server 2010 needs 4.0.1 or later' % self.firmware)
        if not address:
            reasons.append('reg.1.address (sign-in address) not set')
        if not server:
            reasons.append('no Lync pool: reg.1.server.1.address / voIpProt.server.1.address not set')
        if transport != 'TLS':
            reasons.append('transport is %s, Lync needs TLS' % transport)
        if interop != 'lync2010':
            reasons.append('specialInterop is %s, not lync2010' % interop)
        registered = not reasons
        return {
            'line': 1, 'registered': registered, 'status': 'Registered' if registered else 'Unregistered',
            'address': address, 'server': server, 'transport': transport, 'special_interop': interop,
            'credentials': credentials, 'reasons': reasons,
        }


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------

def parse_login(text):
    """'user:password:domain' (the password may contain ':') -> (user, password, domain)."""
    if not text:
        return None
    user, sep, rest = text.partition(':')
    password, sep2, domain = rest.rpartition(':')
    if not sep or not sep2:
        raise argparse.ArgumentTypeError('--login-credentials is user:password:domain')
    return user, password, domain


def discover_macs(root):
    """MACs named by configuration files on a share (<mac>.cfg, per-phone files), for phones the lab config does not list."""
    found = set()
    for _current, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith('.cfg'):
                for mac in re.findall(r'(?<![0-9a-fA-F])([0-9a-fA-F]{12})(?![0-9a-fA-F])', name):
                    if mac != '000000000000':
                        found.add(mac.lower())
    return sorted(found)


def summary(report):
    line = report['lync']
    text = '%s %s %s: %s, %d parameters from %s' % (
        report['mac'], report['model'], report['firmware_version'], 'booted' if report['booted'] else 'NOT booted',
        len(report['parameters']), report['master'] or '-')
    text += '\n  Menu > Status > Lines: Line 1 %s %s' % (line['address'] or '-', line['status'])
    if line['registered']:
        text += ' (pool %s, %s, %s, credentials from %s)' % (line['server'], line['transport'], line['special_interop'], line['credentials'])
    for reason in line['reasons']:
        text += '\n  - %s' % reason
    for item in report['rejected']:
        text += '\n  rejected %s from %s (permitted: %s)' % (item['parameter'], item['file'], item['allowed'])
    for item in report['unreadable']:
        text += '\n  unreadable %s: %s' % (item['file'], item['reason'])
    for error in report['errors']:
        text += '\n  error: %s' % error
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(description='Polycom UC Software phone emulator: boot from a provisioning share')
    sub = parser.add_subparsers(dest='command', required=True)
    boot = sub.add_parser('boot', help='boot one phone')
    boot.add_argument('--server', required=True, help='ftp://user:pw@host:port[/dir][/master.cfg], https://..., file:///dir')
    boot.add_argument('--mac', required=True)
    boot.add_argument('--model', default='VVX500')
    boot.add_argument('--firmware', default='4.0.1.13681')
    boot.add_argument('--login-credentials', type=parse_login, default=None, help='user:password:domain entered at the phone')
    boot.add_argument('--ca', default=None, help='CA file for https')
    boot.add_argument('--json', action='store_true')
    lab = sub.add_parser('boot-lab', help="boot every phone the lab's share configures")
    lab.add_argument('--state-dir', default='.lab')
    lab.add_argument('--protocol', choices=('ftp', 'https'), default='ftp')
    lab.add_argument('--login-credentials', type=parse_login, default=None,
                     help='user:password:domain the users entered at every phone without its own (login-credentials mode)')
    lab.add_argument('--json', action='store_true')
    args = parser.parse_args(argv)

    if args.command == 'boot':
        jobs = [(Phone(args.mac, args.model, args.firmware, args.login_credentials), args.server, args.ca)]
    else:
        with open(os.path.join(args.state_dir, 'lab-state.json'), encoding='utf-8') as handle:
            state = json.load(handle)
        share = (state.get('services') or {}).get('share')
        if not share:
            print('the lab in %s has no share service' % args.state_dir, file=sys.stderr)
            return 2
        url = share['%s_url' % args.protocol]
        # every phone the share configures; the lab config's phones list gives their model, firmware and login
        listed = dict((normalize_mac(p['mac']), p) for p in share.get('phones') or [])
        phones = [listed.get(mac, {'mac': mac}) for mac in discover_macs(share['root'])]
        jobs = []
        for phone in phones:
            login = phone.get('login_credentials') or args.login_credentials
            jobs.append((Phone(phone['mac'], phone.get('model', 'VVX500'), phone.get('firmware', '4.0.1.13681'),
                               tuple(login) if login else None), url, state['ca']))
    reports = [phone.boot(server, cafile=ca) for phone, server, ca in jobs]
    if args.json:
        print(json.dumps(reports if args.command == 'boot-lab' else reports[0], indent=2, sort_keys=True))
    else:
        print('\n'.join(summary(report) for report in reports) or 'no phones')
    return 0 if all(r['booted'] and r['lync']['registered'] for r in reports) else 1


if __name__ == '__main__':
    sys.exit(main())
