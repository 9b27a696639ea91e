# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""UC Software packages on a provisioning share: the model table, the package reader, the refusals, the writer.

What is known, and how (labels as everywhere in this collection):

* **[doc]** The phone fetches the image its master file names in ``APP_FILE_PATH``, a per-model
  ``APP_FILE_PATH_<model>`` winning over it (``docs/phone-boot.md``). A UC Software download is a
  "split" package: one image per phone family, named after the phone's part number, ``<part number>.sip.ld``
  (Poly community FAQ "What files does my phone download or upload and why", SoundPoint IP 650 on UCS 4.1.0:
  ``2345-12600-001.sip.ld``), plus ``sip.ver``.
* **[capture]** the part numbers of MODELS below, from public provisioning tools that unpack Polycom's zips:
  poly_py_tools ``provision/model_meta.py`` (every model here), ``extract_firmware.sh`` (Max Clark, 2017; the VVX
  images of a 5.x zip), wazo/xivo Polycom plugins (the SoundPoint/SoundStation images of a 4.0 zip) and FreePBX
  provisioner module notes (a VVX 500 asking for ``3111-44500-001.sip.ld``).
* **[inferred]** ``sip.ver`` is a text file whose first non-empty line is the package's version (the phones and
  Asterisk's phoneprov serve it as ``text/plain``); a zip may hold its files at the top or in one folder.
* **[inferred]** what an image is not: real images are megabytes of binary, so a file below ``MIN_IMAGE_SIZE``, a
  file that starts like a ZIP, gzip, XML/HTML (a saved error page) or is plain text is refused. No public source
  documents the image header, so nothing stronger is checked.
* **[inferred]** layout on the share: ``<directory>/<version>/<part number>.sip.ld`` (one directory per version, so
  two versions coexist while a pilot group runs the new one).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import hashlib
import os
import posixpath
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
import zipfile

from ansible_collections.polycom.uc.plugins.module_utils.firmware import (
    compare_versions, find_rule, model_key, parse_version, version_matches,
)
from ansible_collections.polycom.uc.plugins.module_utils.ucs_files import TEMP_PREFIX, lock_share
from ansible_collections.polycom.uc.plugins.module_utils.ucs_share import Share, master_value, read_logs

IMAGE_SUFFIX = '.sip.ld'
VERSION_FILE = 'sip.ver'
DEFAULT_DIRECTORY = 'firmware'
GENERIC_MASTER = '000000000000.cfg'
MIN_IMAGE_SIZE = 1024  # [inferred] real images are megabytes; the lab's fake images are a few KiB
CHUNK = 1024 * 1024
NOT_IMAGES = (  # [inferred] what a file that is no UC Software image usually starts with
    (b'PK\x03\x04', 'a ZIP archive'), (b'\x1f\x8b', 'gzip data'), (b'<', 'XML or HTML text'), (b'\xef\xbb\xbf<', 'XML text'),
)
PER_PHONE_MASTER = re.compile(r'^[0-9a-f]{12}\.cfg$')

SOURCES = {
    'faq': 'Poly community FAQ: what files does my phone download (SoundPoint IP 650, UCS 4.1.0)',
    'model_meta': 'poly_py_tools provision/model_meta.py (public provisioning tool)',
    'extract': 'extract_firmware.sh (Max Clark, 2017) unpacking a UC Software 5.x zip',
    'wazo': 'wazo/xivo Polycom provd plugin, APP_FILES of the 4.0 package',
    'freepbx': 'FreePBX provisioner notes: a VVX 500 requests 3111-44500-001.sip.ld',
}
# model -> (part number, label, sources); the image is '<part number>.sip.ld'
MODELS = {
    'SPIP321': ('2345-12360-001', 'capture', ('model_meta', 'wazo')),
    'SPIP331': ('2345-12365-001', 'capture', ('model_meta', 'wazo')),
    'SPIP335': ('2345-12375-001', 'capture', ('model_meta', 'wazo')),
    'SPIP450': ('2345-12450-001', 'capture', ('model_meta', 'wazo')),
    'SPIP550': ('2345-12500-001', 'capture', ('model_meta', 'wazo')),
    'SPIP560': ('2345-12560-001', 'capture', ('model_meta', 'wazo')),
    'SPIP650': ('2345-12600-001', 'doc', ('faq', 'model_meta', 'wazo')),
    'SPIP670': ('2345-12670-001', 'capture', ('model_meta', 'wazo')),
    'SSIP5000': ('3111-30900-001', 'capture', ('model_meta', 'wazo')),
    'SSIP6000': ('3111-15600-001', 'capture', ('model_meta', 'wazo')),
    'SSIP7000': ('3111-40000-001', 'capture', ('model_meta', 'wazo')),
    'VVX101': ('3111-40250-001', 'capture', ('model_meta', 'extract')),
    'VVX150': ('3111-48810-001', 'capture', ('model_meta',)),
    'VVX201': ('3111-40450-001', 'capture', ('model_meta', 'extract')),
    'VVX250': ('3111-48820-001', 'capture', ('model_meta',)),
    'VVX300': ('3111-46135-002', 'capture', ('model_meta', 'extract')),
    'VVX301': ('3111-48300-001', 'capture', ('model_meta', 'extract')),
    'VVX310': ('3111-46161-001', 'capture', ('model_meta', 'extract')),
    'VVX311': ('3111-48350-001', 'capture', ('model_meta', 'extract')),
    'VVX350': ('3111-48830-001', 'capture', ('model_meta',)),
    'VVX400': ('3111-46157-002', 'capture', ('model_meta', 'extract')),
    'VVX401': ('3111-48400-001', 'capture', ('model_meta', 'extract')),
    'VVX410': ('3111-46162-001', 'capture', ('model_meta', 'extract')),
    'VVX411': ('3111-48450-001', 'capture', ('model_meta', 'extract')),
    'VVX450': ('3111-48840-001', 'capture', ('model_meta',)),
    'VVX500': ('3111-44500-001', 'capture', ('model_meta', 'extract', 'freepbx')),
    'VVX501': ('3111-48500-001', 'capture', ('model_meta', 'extract')),
    'VVX600': ('3111-44600-001', 'capture', ('model_meta', 'extract')),
    'VVX601': ('3111-48600-001', 'capture', ('model_meta', 'extract')),
    'VVX1500': ('2345-17960-001', 'capture', ('model_meta', 'extract', 'wazo')),
}


class FirmwareError(Exception):
    """Refusals found before anything is written; ``problems`` names each."""

    def __init__(self, problems):
        self.problems = list(problems)
        super(FirmwareError, self).__init__('; '.join(self.problems))


def canonical_model(model):
    """The MODELS key of a model as phones and inventories spell it ('VVX 500', 'vvx-500'), or None."""
    wanted = model_key(model)
    for name in MODELS:
        if model_key(name) == wanted:
            return name
    return None


def image_name(model):
    name = canonical_model(model)
    return MODELS[name][0] + IMAGE_SUFFIX if name else None


# -- the package ------------------------------------------------------------------------------------
class Member(object):
    """One file of a package: its name, size and a way to open it (zip entry or file)."""

    def __init__(self, name, size, opener):
        self.name, self.size, self._opener = name, size, opener
        self._sha256 = None

    def open(self):
        return self._opener()

    def head(self, count=512):
        with self.open() as handle:
            return handle.read(count)

    def sha256(self):
        if self._sha256 is None:
            with self.open() as handle:
                self._sha256 = stream_digest(handle)
        return self._sha256


def stream_digest(handle):
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b''):
        digest.update(chunk)
    return digest.hexdigest()


class Package(object):
    """A UC Software package: a zip as Polycom ships it or an unpacked directory."""

    def __init__(self, path):
        self.path = path
        self.members = {}
        self._zip = None
        if os.path.isdir(path):
            self.kind = 'directory'
            for name in sorted(os.listdir(path)):
                full = os.path.join(path, name)
                if os.path.isfile(full):
                    self.members[name] = Member(name, os.path.getsize(full), lambda full=full: open(full, 'rb'))
        elif zipfile.is_zipfile(path):
            self.kind = 'zip'
            self._zip = zipfile.ZipFile(path)
            self._read_zip()
        elif os.path.exists(path):
            raise FirmwareError(['package: %s is neither a zip file nor a directory' % path])
        else:
            raise FirmwareError(['package: %s does not exist' % path])
        self.version_text = self._version_text()
        self.version = parse_version(self.version_text)

    def _read_zip(self):
        entries = [info for info in self._zip.infolist() if not info.is_dir()]
        folders = set(info.filename.rsplit('/', 1)[0] for info in entries if '/' in info.filename)
        for info in entries:
            folder, _sep, name = info.filename.rpartition('/')
            if folder and len(folders) > 1 or name in self.members:
                continue  # [inferred] the files are at the top or in one folder; deeper trees are not Polycom's layout
            self.members[name] = Member(name, info.file_size, lambda info=info: self._zip.open(info))

    def _version_text(self):
        member = self.members.get(VERSION_FILE)
        if member is None:
            return None
        text = member.head(4096).decode('utf-8', 'replace')
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return lines[0] if lines else ''

    def images(self):
        return dict((name, member) for name, member in self.members.items() if name.endswith(IMAGE_SUFFIX))

    def close(self):
        if self._zip is not None:
            self._zip.close()


def image_problem(member):
    """Why a package member is no UC Software image ([inferred] size and start), or None."""
    if member.size < MIN_IMAGE_SIZE:
        return '%s has %d bytes; a UC Software image has at least %d (MIN_IMAGE_SIZE, [inferred])' % (member.name, member.size, MIN_IMAGE_SIZE)
    head = member.head()
    for signature, what in NOT_IMAGES:
        if head.startswith(signature):
            return '%s starts like %s, not a UC Software image ([inferred] header check)' % (member.name, what)
    try:
        head.decode('ascii')
    except UnicodeDecodeError:
        return None
    return '%s is plain text, not a UC Software image ([inferred] header check)' % member.name


def package_problems(package, version, models, baseline):
    """Every refusal of putting ``package`` on the share as ``version`` for ``models``; [] when it may be written."""
    problems = []
    if package.version_text is None:
        problems.append('package %s has no %s, so its version cannot be checked' % (package.path, VERSION_FILE))
    elif not package.version or not version_matches(package.version, version):
        problems.append('version: %s asked for, but the package\'s %s says %r' % (version, VERSION_FILE, package.version_text))
    wanted = models or sorted(set(canonical_model_of_image(name) for name in package.images()) - set([None]))
    images = package.images()
    for model in wanted:
        name = image_name(model)
        if name is None:
            problems.append('models: %s is not a UC Software model this collection knows (known: %s)' % (model, ', '.join(sorted(MODELS))))
        elif name not in images:
            problems.append('models: the package has no image for %s (%s)' % (model, name))
        else:
            problem = image_problem(images[name])
            if problem:
                problems.append('package: %s' % problem)
        problems.extend(baseline_problem(baseline, model, package.version or version))
    return problems


def canonical_model_of_image(name):
    for model, (part, _label, _sources) in MODELS.items():
        if part + IMAGE_SUFFIX == name:
            return model
    return None


def baseline_problem(baseline, model, version):
    where, kind, expected = find_rule(baseline or {}, 'phone', model)
    if kind == 'minimum' and compare_versions(version, expected) < 0:
        return ['version: %s is below the baseline minimum %s for %s (%s)' % (version, expected, model, where)]
    if kind == 'exact' and not version_matches(version, expected):
        return ['version: %s is not the baseline\'s exact %s for %s (%s)' % (version, expected, model, where)]
    return []


def models_of(package, models):
    """The models whose images are put: those asked for, else every known model the package has an image for."""
    if models:
        return [canonical_model(model) or model for model in models]
    return sorted(set(canonical_model_of_image(name) for name in package.images()) - set([None]))


# -- what master files reference ---------------------------------------------------------------------
def referenced_paths(root):
    """(paths, doubts): every APP_FILE_PATH / APP_FILE_PATH_<model> value of the master files at the share root, as
    normalised relative paths (``./firmware/x`` is ``firmware/x``), and the masters whose references cannot be read
    (not well-formed, or naming an image by URL) - with any doubt nothing is pruned."""
    found, doubts = set(), []
    try:
        names = os.listdir(root)
    except OSError:
        return found, doubts
    for name in names:
        if name != GENERIC_MASTER and not PER_PHONE_MASTER.match(name):
            continue
        try:
            with open(os.path.join(root, name), 'rb') as handle:
                data = handle.read()
        except (IOError, OSError):
            doubts.append('%s cannot be read' % name)
            continue
        if b'APP_FILE_PATH' not in data:
            continue
        try:
            element = ET.fromstring(data)
        except ET.ParseError:
            doubts.append('%s is not well-formed XML' % name)
            continue
        app = element if element.tag == 'APPLICATION' else element.find('.//APPLICATION')
        for key, value in (app.attrib.items() if app is not None else ()):
            if not (key.upper().startswith('APP_FILE_PATH') and value and value.strip()):
                continue
            if '://' in value:
                doubts.append('%s names its image by URL (%s)' % (name, value.strip()))
                continue
            found.add(posixpath.normpath(value.strip().lstrip('/')))
    return found, doubts


def version_of_path(root, path):
    """The version an APP_FILE_PATH boots: the sip.ver beside the image, else a version in its directory name."""
    if not path:
        return None
    directory = os.path.dirname(path)
    try:
        with open(os.path.join(root, directory, VERSION_FILE), 'rb') as handle:
            version = parse_version(handle.read(4096).decode('utf-8', 'replace'))
        if version:
            return version
    except (IOError, OSError):
        pass
    return parse_version(directory.rsplit('/', 1)[-1]) if directory else None


# -- the plan and the writer ---------------------------------------------------------------------------
class FirmwarePlan(object):
    def __init__(self, directory):
        self.directory = directory
        self.copies, self.unchanged, self.pruned, self.cleaned, self.created_dirs, self.removed_dirs = [], [], [], [], [], []
        self.images = {}

    @property
    def changed(self):
        return bool(self.copies or self.pruned or self.cleaned or self.created_dirs or self.removed_dirs)


class FirmwareWriter(object):
    """Plans and writes ``<directory>/<version>/`` of a share under the share's lock (the one ShareWriter takes)."""

    def __init__(self, root, directory=DEFAULT_DIRECTORY):
        self.root = os.path.abspath(root)
        self.directory = directory.strip('/')

    def full(self, relative):
        return os.path.join(self.root, *relative.split('/'))

    def plan(self, package=None, models=(), prune=False):
        version_dir = '%s/%s' % (self.directory, package.version) if package is not None else None
        plan = FirmwarePlan(version_dir)
        if package is not None:
            self._plan_copies(plan, package, models, version_dir)
        if prune:
            self._plan_prune(plan, version_dir)
        return plan

    def _plan_copies(self, plan, package, models, version_dir):
        for relative in (self.directory, version_dir):
            if not os.path.isdir(self.full(relative)):
                plan.created_dirs.append(relative)
        members = [package.members[image_name(model)] for model in models]
        for model in models:
            plan.images[model] = '%s/%s' % (version_dir, image_name(model))
        for member in members + [package.members[VERSION_FILE]]:
            relative = '%s/%s' % (version_dir, member.name)
            if self._same(self.full(relative), member):
                plan.unchanged.append(relative)
            else:
                plan.copies.append((relative, member, 'updated' if os.path.lexists(self.full(relative)) else 'created'))
        plan.cleaned.extend(self._temps(version_dir))

    @staticmethod
    def _same(full, member):
        """Equal size and SHA-256: the only cost of a second run is reading both."""
        try:
            if not os.path.isfile(full) or os.path.islink(full) or os.path.getsize(full) != member.size:
                return False
            with open(full, 'rb') as handle:
                return stream_digest(handle) == member.sha256()
        except (IOError, OSError):
            return False

    def _temps(self, relative):
        try:
            return ['%s/%s' % (relative, name) for name in sorted(os.listdir(self.full(relative))) if name.startswith(TEMP_PREFIX)]
        except OSError:
            return []

    def _plan_prune(self, plan, keep_dir):
        """Images under the directory that no master file references (and not this run's), their sip.ver, empty dirs."""
        referenced, doubts = referenced_paths(self.root)
        if doubts:
            raise FirmwareError(['prune: not done, an image a phone may still boot could be deleted: %s' % '; '.join(doubts)])
        base = self.full(self.directory)
        if not os.path.isdir(base):
            return
        for version in sorted(os.listdir(base)):
            relative_dir = '%s/%s' % (self.directory, version)
            if relative_dir == keep_dir or not os.path.isdir(self.full(relative_dir)) or os.path.islink(self.full(relative_dir)):
                continue
            names = sorted(os.listdir(self.full(relative_dir)))
            images = [n for n in names if n.endswith(IMAGE_SUFFIX)]
            gone = ['%s/%s' % (relative_dir, n) for n in images if '%s/%s' % (relative_dir, n) not in referenced]
            plan.pruned.extend(gone)
            if len(gone) == len(images):
                plan.pruned.extend('%s/%s' % (relative_dir, n) for n in names if n == VERSION_FILE)
                plan.cleaned.extend(self._temps(relative_dir))
                if all(n.endswith(IMAGE_SUFFIX) or n == VERSION_FILE or n.startswith(TEMP_PREFIX) for n in names):
                    plan.removed_dirs.append(relative_dir)

    def run(self, package=None, models=(), prune=False, check_mode=False):
        lock = lock_share(self.root, create=not check_mode)
        try:
            plan = self.plan(package, models, prune)
            if not check_mode and plan.changed:
                self.apply(plan)
            return plan
        finally:
            if lock is not None:
                os.close(lock)

    def apply(self, plan):
        for relative in plan.created_dirs:
            if not os.path.isdir(self.full(relative)):
                os.makedirs(self.full(relative), 0o755)
        for relative in plan.cleaned:
            self._unlink(relative)
        for relative, member, _state in plan.copies:
            self._copy(relative, member)
        for relative in plan.pruned:
            self._unlink(relative)
        for relative in plan.removed_dirs:
            try:
                os.rmdir(self.full(relative))
            except OSError as exc:
                if exc.errno not in (errno.ENOENT, errno.ENOTEMPTY, errno.EEXIST):
                    raise

    def _copy(self, relative, member):
        """A temporary file beside the target, flushed, then renamed over it: a booting phone sees old or new, never a part."""
        target = self.full(relative)
        fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=os.path.dirname(target))
        try:
            with os.fdopen(fd, 'wb') as out, member.open() as source:
                shutil.copyfileobj(source, out, CHUNK)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, 0o644)
            os.rename(temp, target)
            temp = None
        finally:
            if temp is not None:
                self._unlink_full(temp)

    def _unlink(self, relative):
        self._unlink_full(self.full(relative))

    @staticmethod
    def _unlink_full(full):
        try:
            os.unlink(full)
        except OSError as exc:
            if exc.errno != errno.ENOENT:
                raise


# -- which phones change version -----------------------------------------------------------------------
def current_boot(share, root, mac, model):
    """(master, APP_FILE_PATH for the model) the phone reads now; (None, None) without a master."""
    for name in ('%s.cfg' % mac, GENERIC_MASTER):
        parsed = share.parse(name)
        if parsed.status == 'missing':
            continue
        root_element = getattr(parsed, 'root', None)
        if root_element is None:
            return name, None
        app = root_element if root_element.tag == 'APPLICATION' else root_element.find('.//APPLICATION')
        if app is None:
            return name, None
        return name, master_value(app.attrib, 'APP_FILE_PATH', model)[0]
    return None, None


def rollout(root, phones, pilot, pilot_images, pilot_version, estate_images=None, estate_version=None):
    """Per phone: the version its master names now, and the one it will name (pilot: the package; others: estate)."""
    share = Share(root)
    pilot = set(pilot)
    changing, unchanged = [], 0
    log_dirs = share.log_dirs()
    for mac, model in phones:
        master, path = current_boot(share, root, mac, model)
        before = version_of_path(root, path) if path else None
        if mac in pilot:
            after, target = pilot_version, pilot_images.get(canonical_model(model) or model)
        elif estate_version:
            after, target = estate_version, (estate_images or {}).get(canonical_model(model) or model)
        else:
            after, target = before, path
        log = read_logs(share, mac, log_dirs)
        running = log.get('firmware_version') if log else None
        if before == after and path == target:
            unchanged += 1
            continue
        changing.append(dict(mac=mac, model=model, pilot=mac in pilot, master=master, running=running,
                             before=before, after=after, app_file_path_before=path, app_file_path_after=target))
    return dict(changing=changing, unchanged=unchanged)


def estate_images_of(root, directory, version, models):
    """{model: path} of a version already on the share, and the problems (a model without its image there)."""
    images, problems = {}, []
    for model in models:
        name = image_name(model)
        if name is None:
            problems.append('models: %s is not a UC Software model this collection knows' % model)
            continue
        relative = '%s/%s/%s' % (directory.strip('/'), version, name)
        if not os.path.isfile(os.path.join(root, *relative.split('/'))):
            problems.append('estate_version: %s is not on the share for %s (%s missing); put its package first' % (version, model, relative))
        images[canonical_model(model)] = relative
    return images, problems
