# -*- coding: utf-8 -*-
# Copyright: (c) polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Provisioning share of the lab: one directory served over FTP and HTTPS, as a phone's boot server.

A lab service (see SERVICES in lab.py): the top-level "share" section of the lab config starts it.

    "share": {
      "root": "share",                       # relative to the lab state dir; default <state_dir>/share
      "ftp_port": 8421, "https_port": 8422,  # + the lab's port offset
      "user": "PlcmSpIp", "password": "PlcmSpIp",
      "upload_dirs": ["logs", "overrides"],  # created at start; phones may write files here
      "upload_dirs_from_master": true,       # also LOG_FILE_DIRECTORY, OVERRIDES_DIRECTORY, CONTACTS_DIRECTORY,
                                             # CALL_LISTS_DIRECTORY named by the master files at the root
      "phones": [{"mac": "0004f2aabbcc", "model": "VVX500", "firmware": "4.0.1.13681"}]
    }

Rules, the same on both protocols:
- one account (the factory PlcmSpIp/PlcmSpIp by default); FTP refuses other logins, HTTPS answers 401
  without HTTP Basic credentials of that account;
- everything under the root can be read; nothing outside it;
- files can be written (FTP STOR/APPE, HTTPS PUT) only directly inside an upload directory; no deletes,
  renames, new directories, and never a write at the root or in a configuration directory.
  An upload directory named by a master file is honoured only if it is not empty (empty = share root).

"phones" is data only (the lab's emulated phones are clients, not servers): it lands in lab-state.json
for `phone_emulator.py boot-lab`.

Standard library + pyftpdlib; nothing from plugins/ is imported.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import posixpath
import re
import threading
import urllib.parse
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.servers import FTPServer

import labkit

LOG = logging.getLogger('share_server')

DEFAULTS = {
    'root': 'share',
    'ftp_port': 8421,
    'https_port': 8422,
    'user': 'PlcmSpIp',
    'password': 'PlcmSpIp',
    'upload_dirs': ['logs', 'overrides'],
    'upload_dirs_from_master': True,
    'phones': [],
}
MASTER_NAME = re.compile(r'^[0-9a-f]{12}\.cfg$')
UPLOAD_ATTRIBUTES = ('LOG_FILE_DIRECTORY', 'OVERRIDES_DIRECTORY', 'CONTACTS_DIRECTORY', 'CALL_LISTS_DIRECTORY')
MAX_UPLOAD = 16 * 1024 * 1024


def _clean_dir(name):
    """'logs/' -> 'logs'; '' or '.' -> '' (the root); None for a name that leaves the root."""
    name = (name or '').strip().replace('\\', '/')
    norm = posixpath.normpath('/' + name).lstrip('/')
    if '..' in name.split('/'):
        return None
    return norm if norm != '.' else ''


class Share:
    """The directory and its write policy, shared by the FTP and the HTTPS side."""

    def __init__(self, root, user, password, upload_dirs, from_master):
        self.root = os.path.realpath(root)
        self.user, self.password = user, password
        self.static_dirs = set(d for d in (_clean_dir(x) for x in upload_dirs) if d)
        self.from_master = from_master
        self.lock = threading.Lock()
        self.counters = {'ftp_reads': 0, 'ftp_writes': 0, 'https_reads': 0, 'https_writes': 0, 'refused_writes': 0}

    def count(self, name):
        with self.lock:
            self.counters[name] += 1

    def master_dirs(self):
        """Upload directories the master files at the root name (every model variant too)."""
        found = set()
        try:
            names = [n for n in os.listdir(self.root) if MASTER_NAME.match(n)]
        except OSError:
            return found
        for name in names:
            try:
                tree = ET.parse(os.path.join(self.root, name))
            except (ET.ParseError, OSError):
                continue
            for elem in tree.getroot().iter('APPLICATION'):
                for attr, value in elem.attrib.items():
                    if any(attr == a or attr.startswith(a + '_') for a in UPLOAD_ATTRIBUTES):
                        cleaned = _clean_dir(value)
                        if cleaned:
                            found.add(cleaned)
        return found

    def upload_dirs(self):
        dirs = set(self.static_dirs)
        if self.from_master:
            dirs |= self.master_dirs()
        return dirs

    def relative(self, path):
        """Path relative to the root ('' for the root itself), or None when it is outside."""
        real = os.path.realpath(path)
        if real == self.root:
            return ''
        if not real.startswith(self.root + os.sep):
            return None
        return os.path.relpath(real, self.root).replace(os.sep, '/')

    def may_write(self, path):
        """A file directly inside an upload directory (which must exist), not a dot file."""
        parent = self.relative(os.path.dirname(path))
        name = os.path.basename(path)
        if parent is None or not name or name.startswith('.') or os.path.isdir(path):
            return False
        return parent in self.upload_dirs() and os.path.isdir(os.path.join(self.root, parent))

    def check_credentials(self, user, password):
        return user == self.user and password == self.password


# ---------------------------------------------------------------------------
# FTP
# ---------------------------------------------------------------------------

class ShareAuthorizer(DummyAuthorizer):
    """Read everywhere under the root; write (STOR/APPE) only into upload directories; nothing else."""

    READ = 'elr'
    WRITE = 'wa'

    def __init__(self, share):
        super().__init__()
        self.share = share
        self.add_user(share.user, share.password, share.root, perm=self.READ + self.WRITE)

    def has_perm(self, username, perm, path=None):
        if username != self.share.user:
            return False
        if perm in self.READ:
            return True
        if perm in self.WRITE and path is not None and self.share.may_write(path):
            return True
        self.share.count('refused_writes')
        return False


class ShareFTPHandler(FTPHandler):
    banner = 'polycom.uc lab provisioning share ready.'
    share = None

    def on_file_sent(self, file):
        self.share.count('ftp_reads')

    def on_file_received(self, file):
        self.share.count('ftp_writes')
        LOG.info('FTP upload %s', self.share.relative(file))


# ---------------------------------------------------------------------------
# HTTPS
# ---------------------------------------------------------------------------

class ShareHTTPHandler(BaseHTTPRequestHandler):
    server_version = 'polycom.uc-lab-share/1'
    protocol_version = 'HTTP/1.1'

    def log_message(self, fmt, *args):  # pylint: disable=arguments-differ
        LOG.debug('%s %s', self.address_string(), fmt % args)

    @property
    def share(self):
        return self.server.share

    def _answer(self, status, body=b'', content_type='text/plain; charset=utf-8', extra=None):
        if isinstance(body, str):
            body = body.encode('utf-8')
        labkit.send_body(self, status, body, content_type, (extra or {}).items())

    def _authorized(self):
        header = self.headers.get('Authorization', '')
        if header.lower().startswith('basic '):
            try:
                user, _sep, password = base64.b64decode(header[6:].strip()).decode('utf-8').partition(':')
            except (binascii.Error, UnicodeDecodeError):
                user = password = None
            if user is not None and self.share.check_credentials(user, password):
                return True
        self._drain()
        self._answer(401, 'authentication required\n', extra={'WWW-Authenticate': 'Basic realm="provisioning"'})
        return False

    def _drain(self):
        length = int(self.headers.get('Content-Length') or 0)
        if 0 < length <= MAX_UPLOAD:
            self.rfile.read(length)
        elif length:
            self.close_connection = True

    def _fs_path(self):
        """The file system path of the request, or None when it leaves the root."""
        raw = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if '..' in raw.split('/') or '\0' in raw:
            return None
        path = os.path.join(self.share.root, raw.lstrip('/'))
        return path if self.share.relative(path) is not None else None

    def do_GET(self):  # noqa: N802
        if not self._authorized():
            return
        path = self._fs_path()
        if path is None:
            self._answer(403, 'outside the share\n')
            return
        if os.path.isdir(path):
            names = sorted(os.listdir(path))
            self._answer(200, ''.join(n + ('/' if os.path.isdir(os.path.join(path, n)) else '') + '\n' for n in names))
            return
        try:
            with open(path, 'rb') as handle:
                data = handle.read()
        except OSError:
            self._answer(404, 'not found\n')
            return
        self.share.count('https_reads')
        self._answer(200, data, content_type='application/octet-stream')

    do_HEAD = do_GET

    def do_PUT(self):  # noqa: N802
        if not self._authorized():
            return
        path = self._fs_path()
        try:
            length = int(self.headers.get('Content-Length', ''))
        except ValueError:
            self.close_connection = True
            self._answer(411, 'Content-Length required\n')
            return
        if length > MAX_UPLOAD:
            self.close_connection = True
            self._answer(413, 'too large\n')
            return
        data = self.rfile.read(length)
        if path is None or not self.share.may_write(path):
            self.share.count('refused_writes')
            self._answer(403, 'uploads go only into the log, override, contacts and call list directories\n')
            return
        existed = os.path.exists(path)
        tmp = os.path.join(os.path.dirname(path), '.%s.%d.part' % (os.path.basename(path), threading.get_ident()))
        with open(tmp, 'wb') as handle:
            handle.write(data)
        os.replace(tmp, path)
        self.share.count('https_writes')
        LOG.info('HTTPS upload %s (%d bytes)', self.share.relative(path), len(data))
        self._answer(204 if existed else 201)

    def _refuse(self):
        self._drain()
        self._answer(405, 'method not allowed\n', extra={'Allow': 'GET, HEAD, PUT'})

    do_POST = do_DELETE = do_PATCH = do_MKCOL = do_MOVE = _refuse


class ShareHTTPSServer(labkit.TLSDeviceServer):
    def __init__(self, address, share, ssl_context):
        self.share = share
        super().__init__(address, ShareHTTPHandler, ssl_context, 'share', LOG)


# ---------------------------------------------------------------------------
# the service
# ---------------------------------------------------------------------------

class ShareService:
    def __init__(self, section, lab):
        cfg = dict(DEFAULTS)
        cfg.update(section if isinstance(section, dict) else {})
        offset = int(lab.get('port_offset', 0))
        self.host = lab.get('host', '127.0.0.1')
        root = cfg['root']
        self.root = root if os.path.isabs(root) else os.path.join(lab['state_dir'], root)
        os.makedirs(self.root, exist_ok=True)
        for name in cfg['upload_dirs']:
            cleaned = _clean_dir(name)
            if cleaned:
                os.makedirs(os.path.join(self.root, cleaned), exist_ok=True)
        self.share = Share(self.root, cfg['user'], cfg['password'], cfg['upload_dirs'], bool(cfg['upload_dirs_from_master']))
        self.ftp_port = int(cfg['ftp_port']) + offset
        self.https_port = int(cfg['https_port']) + offset
        self.phones = list(cfg['phones'] or [])
        if not os.environ.get('LAB_DEBUG'):
            logging.getLogger('pyftpdlib').setLevel(logging.WARNING)

        handler = type('LabShareFTPHandler', (ShareFTPHandler,), {})
        handler.share = self.share
        handler.authorizer = ShareAuthorizer(self.share)
        handler.timeout = 60
        handler.auth_failed_timeout = 0.5
        self._ioloop = IOLoop()
        self._ftp = FTPServer((self.host, self.ftp_port), handler, ioloop=self._ioloop)
        context = labkit.make_ssl_context(lab['certfile'], lab['keyfile'])
        try:
            self._https = ShareHTTPSServer((self.host, self.https_port), self.share, context)
        except OSError:
            self._ftp.close_all()
            raise
        self._stop = threading.Event()
        ftp_thread = threading.Thread(target=self._serve_ftp, name='share-ftp', daemon=True)
        ftp_thread.start()
        self._threads = [ftp_thread, labkit.serve_in_thread(self._https, 'share-https')]
        LOG.info('share %s: FTP %s:%d, HTTPS %s:%d', self.root, self.host, self.ftp_port, self.host, self.https_port)

    def _serve_ftp(self):
        try:
            while not self._stop.is_set():
                self._ftp.serve_forever(timeout=0.2, blocking=False, handle_exit=False)
        finally:
            self._ftp.close_all()

    def close(self):
        self._stop.set()
        self._https.shutdown()
        self._https.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def state(self):
        auth = '%s:%s@' % (urllib.parse.quote(self.share.user, safe=''), urllib.parse.quote(self.share.password, safe=''))
        return {
            'root': self.root,
            'ftp_port': self.ftp_port,
            'https_port': self.https_port,
            'user': self.share.user,
            'password': self.share.password,
            'ftp_url': 'ftp://%s%s:%d/' % (auth, self.host, self.ftp_port),
            'https_url': 'https://%s%s:%d/' % (auth, self.host, self.https_port),
            'upload_dirs': sorted(self.share.static_dirs),
            'upload_dirs_from_master': self.share.from_master,
            'phones': self.phones,
        }


def start(section, lab):
    """Lab service entry point (see SERVICES in lab.py)."""
    return ShareService(section, lab)
