# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Writes many small files onto a provisioning share without hurting the phones that read it.

* Only files whose content (or requested mode/owner) differs are written; each one atomically: a
  temporary file in the same directory (``.polycom-uc-tmp.*``), then ``os.rename`` over the target,
  so a phone or a crash sees the old file or the new one, never a part. With ``durable`` the
  temporary files reach the disk (one ``os.sync``) before the first rename; without it (the default,
  seconds faster for 10,000 new files on a busy disk) a power loss is covered only by file systems
  that flush a file before a rename replaces it (ext4's default ``auto_da_alloc``) [inferred].
* An existing file keeps its owner, group and mode unless a mode/owner/group is requested.
* Files phones upload (override, log, contact and call-list files; the ``protect`` globs) are never
  written and never removed.
* A manifest at the share root (``.polycom-uc-manifest.json``) lists, per generator set, the files it
  wrote and the SHA-256 of their content with secret attribute values masked (a hash of a file with a
  password in it would let anyone who can read the share test guesses). Prune removes only files of
  the set's manifest that are no longer generated and still have the recorded content.
* Diffs mask the values of attributes whose names match ``secret_names`` (``password``, ``.key``...).

[inferred] POSIX ``rename`` semantics (atomic replacement within one file system) are assumed of
the share's file system; NFS and local Linux file systems provide them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import fcntl
import fnmatch
import grp
import hashlib
import json
import os
import pwd
import re
import stat
import tempfile

from ansible_collections.polycom.uc.plugins.module_utils.masking import MASK, MASK_CHANGED
from ansible_collections.polycom.uc.plugins.module_utils.ucs_lync import PHONE_UPLOADS, SECRET_NAME_PATTERNS, is_encrypted

MANIFEST = '.polycom-uc-manifest.json'
TEMP_PREFIX = '.polycom-uc-tmp.'
DEFAULT_SECRET_NAMES = SECRET_NAME_PATTERNS
DEFAULT_PROTECT = PHONE_UPLOADS
NEW_FILE_MODE = 0o644
NEW_DIR_MODE = 0o755
ATTRIBUTE = re.compile(r'''([A-Za-z_][\w.:\-]*)(\s*=\s*)("[^"]*"|'[^']*')''')


class ShareError(Exception):
    pass


def parse_mode(value):
    if value in (None, ''):
        return None
    if isinstance(value, int):
        return value
    text = str(value)
    if not re.match(r'^0?[0-7]{3,4}$', text):
        raise ShareError('mode %r must be octal, e.g. "0644"' % (value,))
    return int(text, 8)


def format_mode(mode):
    return '%04o' % mode if mode is not None else None


class Masker(object):
    """Masks the values of secret attributes (``reg.1.auth.password="..."``) in XML text."""

    def __init__(self, secret_names=DEFAULT_SECRET_NAMES):
        self.names = [re.compile(pattern) for pattern in secret_names]
        # a cheap pre-filter: most files carry no secret; custom patterns are always applied in full
        self.default = tuple(secret_names) == DEFAULT_SECRET_NAMES
        self.hint = bool(secret_names)

    def may_hold_secrets(self, text):
        if not self.hint:
            return False
        if self.default:
            lowered = text.lower()
            return 'password' in lowered or 'passwd' in lowered or 'secret' in lowered or '.key' in lowered
        return True

    def secret(self, name):
        return any(pattern.search(name) for pattern in self.names)

    def secrets(self, text):
        """``{name: value}`` of the secret attributes in a text (first occurrence of each name)."""
        found = {}
        if self.may_hold_secrets(text):
            for match in ATTRIBUTE.finditer(text):
                if self.secret(match.group(1)):
                    found.setdefault(match.group(1), match.group(3)[1:-1])
        return found

    def mask(self, text, changed=()):
        """The text with secret values replaced by ``********`` (``******** (changed)`` for the names in ``changed``)."""
        if not self.may_hold_secrets(text):
            return text

        def replace(match):
            if not self.secret(match.group(1)):
                return match.group(0)
            quote = match.group(3)[0]
            shown = MASK_CHANGED if match.group(1) in changed else MASK
            return '%s%s%s%s%s' % (match.group(1), match.group(2), quote, shown, quote)
        return ATTRIBUTE.sub(replace, text)


def digest(masker, content):
    """SHA-256 of the content with secret values masked, as the manifest records it."""
    text = content.decode('utf-8', 'replace')
    return hashlib.sha256(masker.mask(text).encode('utf-8')).hexdigest()


def check_relative(path):
    if not isinstance(path, str) or not path or path.startswith('/') or '\\' in path or '\0' in path:
        raise ShareError('path %r must be relative to the share root' % (path,))
    parts = path.split('/')
    if any(part in ('', '.', '..') for part in parts):
        raise ShareError("path %r must not contain empty, '.' or '..' parts" % (path,))
    if parts[-1].startswith(TEMP_PREFIX):
        raise ShareError('path %r uses the prefix of temporary files' % (path,))
    return path


class Change(object):
    __slots__ = ('path', 'content', 'mode', 'tag', 'state', 'old', 'stat')

    def __init__(self, path, content, mode, tag):
        self.path, self.content, self.mode, self.tag = path, content, mode, tag
        self.state, self.old, self.stat = None, None, None


class SharePlan(object):
    """What a run does (or would do in check mode); every list holds paths relative to the root."""

    def __init__(self):
        self.created, self.updated, self.permissions, self.pruned = [], [], [], []
        self.stale, self.kept_modified, self.directories, self.cleaned = [], [], [], []
        self.unchanged = 0
        self.writes, self.removals, self.dir_actions, self.warnings = [], [], [], []
        self.manifest_old, self.manifest_text = {}, None
        self.manifest_changed = False
        self.diff = None

    @property
    def changed(self):
        return bool(self.created or self.updated or self.permissions or self.pruned or self.directories or self.cleaned
                    or self.manifest_changed)

    def result(self):
        return dict(changed=self.changed, created=self.created, updated=self.updated, permissions=self.permissions,
                    pruned=self.pruned, stale=self.stale, kept_modified=self.kept_modified, directories=self.directories,
                    cleaned=self.cleaned, unchanged=self.unchanged, manifest_changed=self.manifest_changed)


class ShareWriter(object):
    def __init__(self, root, manifest=MANIFEST, manifest_set='default', protect=(), owner=None, group=None,
                 secret_names=DEFAULT_SECRET_NAMES, durable=False, replace_encrypted=False, prune_also=()):
        self.root = os.path.abspath(root)
        self.manifest = check_relative(manifest)
        self.set = manifest_set
        self.protect = list(DEFAULT_PROTECT) + [p for p in protect if p not in DEFAULT_PROTECT]
        self._protect_any = re.compile('|'.join(fnmatch.translate(p) for p in self.protect if '/' in p) or '(?!)')
        self._protect_names = re.compile('|'.join(fnmatch.translate(p) for p in self.protect if '/' not in p) or '(?!)')
        self.uid = self._uid(owner)
        self.gid = self._gid(group)
        self.masker = Masker(secret_names)
        self.durable = durable
        self.replace_encrypted = replace_encrypted
        # globs of files pruned even without prune: a stale one misleads phones (a pilot's <mac>.cfg beside the generic master)
        self.prune_also = list(prune_also)
        self.real_root = None
        self._inside_cache = {}

    @staticmethod
    def _uid(owner):
        if owner in (None, ''):
            return None
        try:
            return int(owner) if str(owner).isdigit() else pwd.getpwnam(owner).pw_uid
        except KeyError:
            raise ShareError('owner %r: no such user' % (owner,))

    @staticmethod
    def _gid(group):
        if group in (None, ''):
            return None
        try:
            return int(group) if str(group).isdigit() else grp.getgrnam(group).gr_gid
        except KeyError:
            raise ShareError('group %r: no such group' % (group,))

    def protected(self, path):
        """The protect pattern that matches the path (a pattern without '/' matches the file name anywhere), or None."""
        name = path.rsplit('/', 1)[-1]
        if not self._protect_any.match(path) and not self._protect_names.match(name):
            return None  # the usual answer, without a glob match per pattern (10,000 files a run)
        for pattern in self.protect:
            target = path if '/' in pattern else name
            if fnmatch.fnmatchcase(target, pattern):
                return pattern
        return None

    def full(self, path):
        return os.path.join(self.root, *path.split('/'))

    def _inside(self, full):
        """The directory that would hold ``full`` resolves inside the root (no symlink escape); cached per directory."""
        parent = os.path.dirname(full)
        verdict = self._inside_cache.get(parent)
        if verdict is None:
            existing = parent
            while not os.path.isdir(existing) and existing != self.root and existing.startswith(self.root):
                existing = os.path.dirname(existing)
            real = os.path.realpath(existing)
            verdict = real == self.real_root or real.startswith(self.real_root + os.sep)
            self._inside_cache[parent] = verdict
        return verdict

    # -- planning (check mode stops here) ------------------------------------------------------------
    def plan(self, files, directories=(), prune=False):
        """``files``: iterable of (path, content bytes, mode or None, tag or None); ``directories``: (path, mode or None)."""
        files = list(files)
        result = SharePlan()
        root_exists = os.path.isdir(self.root)
        if os.path.lexists(self.root) and not root_exists:
            raise ShareError('root %s exists and is not a directory' % self.root)
        self.real_root = os.path.realpath(self.root)
        self._inside_cache = {}
        if not root_exists:
            result.directories.append('.')
            result.dir_actions.append(('.', None, True))
        seen, parents = set(), set()
        for path, mode in directories:
            check_relative(path)
            self._plan_directory(result, path, parse_mode(mode))
        manifest_old = self._read_manifest(result)
        for path, content, mode, tag in files:
            check_relative(path)
            if path in seen:
                raise ShareError('path %s is given twice' % path)
            seen.add(path)
            if path == self.manifest:
                raise ShareError('path %s is the manifest' % path)
            pattern = self.protected(path)
            if pattern:
                raise ShareError('refusing to write %s: phones upload files there (protected by %r)' % (path, pattern))
            change = Change(path, content, parse_mode(mode), tag)
            self._plan_file(result, change)
            parents.add(os.path.dirname(self.full(path)))
        self._plan_parents(result, seen)
        self._plan_manifest(result, manifest_old, prune, files)
        for directory in sorted(parents):
            self._plan_cleanup(result, directory)
        return result

    def _plan_directory(self, result, path, mode):
        full = self.full(path)
        if not self._inside(full):
            raise ShareError('directory %s resolves outside the share root' % path)
        try:
            st = os.stat(full)
        except OSError as exc:
            if exc.errno != errno.ENOENT:
                raise
            result.directories.append(path)
            result.dir_actions.append((path, mode, True))
            return
        if not stat.S_ISDIR(st.st_mode):
            raise ShareError('%s exists and is not a directory' % path)
        wrong_mode = mode is not None and stat.S_IMODE(st.st_mode) != mode
        wrong_owner = (self.uid is not None and st.st_uid != self.uid) or (self.gid is not None and st.st_gid != self.gid)
        if wrong_mode or wrong_owner:
            result.directories.append(path)
            result.dir_actions.append((path, mode, False))

    def _plan_parents(self, result, paths):
        """Missing directories on the way to the files (mode 0755)."""
        planned = set(p for p, _m, _c in result.dir_actions)
        missing, present = set(), set()
        for path in paths:
            parts = path.split('/')[:-1]
            for depth in range(1, len(parts) + 1):
                directory = '/'.join(parts[:depth])
                if directory in planned or directory in missing or directory in present:
                    continue
                if os.path.isdir(self.full(directory)):
                    present.add(directory)
                else:
                    missing.add(directory)
        for directory in sorted(missing, key=lambda d: (d.count('/'), d)):
            result.directories.append(directory)
            result.dir_actions.append((directory, None, True))

    def _plan_file(self, result, change):
        full = self.full(change.path)
        if not self._inside(full):
            raise ShareError('%s resolves outside the share root' % change.path)
        try:
            st = os.lstat(full)
        except OSError as exc:
            if exc.errno != errno.ENOENT:
                raise
            change.state = 'created'
            result.created.append(change.path)
            result.writes.append(change)
            return
        if not stat.S_ISREG(st.st_mode):
            raise ShareError('%s exists and is not a regular file (a link or a directory); remove it first' % change.path)
        change.stat = st
        with open(full, 'rb') as handle:
            change.old = handle.read()
        if change.old != change.content:
            if not self.replace_encrypted and is_encrypted(change.old):
                raise ShareError('refusing to replace %s: it is encrypted (its first line carries Digest=, the format of UC Software\'s '
                                 'configFileEncrypt), so someone encrypted it on purpose; remove it, or set replace_encrypted to write '
                                 'plain text over it' % change.path)
            change.state = 'updated'
            result.updated.append(change.path)
            result.writes.append(change)
            return
        wrong_mode = change.mode is not None and stat.S_IMODE(st.st_mode) != change.mode
        wrong_owner = (self.uid is not None and st.st_uid != self.uid) or (self.gid is not None and st.st_gid != self.gid)
        if wrong_mode or wrong_owner:
            change.state = 'permissions'
            result.permissions.append(change.path)
            result.writes.append(change)
        else:
            result.unchanged += 1
        change.old = None  # keep memory flat: the content is equal

    def _read_manifest(self, result):
        try:
            with open(self.full(self.manifest), 'rb') as handle:
                text = handle.read().decode('utf-8')
        except (IOError, OSError) as exc:
            if exc.errno != errno.ENOENT:
                raise
            return {}
        except UnicodeDecodeError:
            text = ''
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or not isinstance(data.get('sets', {}), dict):
                raise ValueError('not a manifest')
        except ValueError:
            result.warnings.append('manifest %s is not valid JSON; it is rewritten, and nothing is pruned this run' % self.manifest)
            return None
        result.manifest_text = text
        return data

    def _plan_manifest(self, result, manifest, prune, files):
        """The set's new manifest entries (a digest per generated file) and what prune removes."""
        corrupt = manifest is None
        sets = dict((manifest or {}).get('sets') or {})
        old = sets.get(self.set)
        old = old if isinstance(old, dict) else {}
        result.manifest_old = old
        entries = {}
        for path, content, _mode, tag in files:
            entry = {'sha256': digest(self.masker, content)}
            if tag:
                entry['tag'] = tag
            entries[path] = entry
        for path in sorted(old):
            entry = old[path]
            if path in entries or not isinstance(entry, dict) or self.protected(path) or check_path_quietly(path) is None:
                continue  # still generated, or never ours to remove: dropped from the manifest
            full = self.full(path)
            if not os.path.isfile(full) or os.path.islink(full) or not self._inside(full):
                continue  # gone already
            if not (prune or any(fnmatch.fnmatchcase(path, pattern) for pattern in self.prune_also)) or corrupt:
                result.stale.append(path)
                entries[path] = entry
                continue
            with open(full, 'rb') as handle:
                current = digest(self.masker, handle.read())
            if current != entry.get('sha256'):
                result.kept_modified.append(path)
                result.warnings.append('%s was generated earlier but changed since; prune keeps it and forgets it' % path)
                continue
            result.pruned.append(path)
            result.removals.append(path)
        sets[self.set] = entries
        if not entries:
            del sets[self.set]
        text = manifest_text(sets)
        result.manifest_changed = text != result.manifest_text
        result.manifest_text = text

    def _plan_cleanup(self, result, directory):
        try:
            names = os.listdir(directory)
        except OSError:
            return
        for name in names:
            if name.startswith(TEMP_PREFIX):
                full = os.path.join(directory, name)
                result.cleaned.append(os.path.relpath(full, self.root))

    # -- applying ----------------------------------------------------------------------------------
    def run(self, files, directories=(), prune=False, check_mode=False, diff=False, diff_limit=0, verify=None):
        """Plan under the share's lock and, unless ``check_mode``, apply; returns the :class:`SharePlan`.

        ``verify(plan)``, when given, runs on the finished plan before anything is written, in check mode too, and
        may raise :class:`ShareError` to refuse it. With ``diff`` the plan's ``diff`` holds the per-file diffs, taken
        before anything is written.
        """
        existed = os.path.isdir(self.root)
        lock = self._lock(create=not check_mode)
        try:
            result = self.plan(files, directories, prune)
            if not existed and '.' not in result.directories:
                result.directories.insert(0, '.')  # the lock created the root: report it as check mode predicted it
            if verify is not None:
                verify(result)
            result.diff = self.diffs(result, diff_limit) if diff and result.changed else None
            if not check_mode and result.changed:
                self.apply(result)
            return result
        finally:
            if lock is not None:
                os.close(lock)

    def apply(self, result):
        """Write what :meth:`plan` found: directories, new files as temporaries then renamed, removals, manifest."""
        self._apply_directories(result)
        if result.created:
            self._write_manifest(result, union=True)  # a crash from here on leaves every new file listed
        temps = []
        try:
            for change in result.writes:
                if change.state in ('created', 'updated'):
                    temps.append((self._write_temp(change, result), change))
            if self.durable and temps:
                os.sync()
            for temp, change in temps:
                os.rename(temp, self.full(change.path))
            temps = []
        finally:
            for temp, _change in temps:
                try:
                    os.unlink(temp)
                except OSError:
                    pass
        for change in result.writes:
            if change.state == 'permissions':
                self._fix_permissions(change)
        for path in result.removals:
            os.unlink(self.full(path))
        for path in result.cleaned:
            try:
                os.unlink(self.full(path))
            except OSError:
                pass
        self._write_manifest(result)
        if self.durable and (result.writes or result.removals):
            for directory in sorted(set(os.path.dirname(self.full(c.path)) for c in result.writes)):
                self._fsync_dir(directory)
        return result

    def _lock(self, create=True):
        return lock_share(self.root, create)

    def _apply_directories(self, result):
        for path, mode, create in result.dir_actions:
            full = self.root if path == '.' else self.full(path)
            if create and not os.path.isdir(full):
                os.makedirs(full, NEW_DIR_MODE)
                if mode is None:
                    os.chmod(full, NEW_DIR_MODE)
            if mode is not None:
                os.chmod(full, mode)
            if self.uid is not None or self.gid is not None:
                os.chown(full, -1 if self.uid is None else self.uid, -1 if self.gid is None else self.gid)

    def _write_temp(self, change, result):
        target = self.full(change.path)
        fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=os.path.dirname(target))
        try:
            view = memoryview(change.content)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            st = change.stat
            mode = change.mode if change.mode is not None else (stat.S_IMODE(st.st_mode) if st else NEW_FILE_MODE)
            uid = self.uid if self.uid is not None else (st.st_uid if st else -1)
            gid = self.gid if self.gid is not None else (st.st_gid if st else -1)
            if (uid, gid) != (-1, -1) and (uid, gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(fd, uid, gid)
                except OSError:
                    result.warnings.append('%s: could not keep owner %s:%s (not permitted); the new file is owned by the '
                                           'user of this run' % (change.path, uid, gid))
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        return temp

    def _fix_permissions(self, change):
        full = self.full(change.path)
        if change.mode is not None:
            os.chmod(full, change.mode)
        if self.uid is not None or self.gid is not None:
            os.chown(full, -1 if self.uid is None else self.uid, -1 if self.gid is None else self.gid)

    def _write_manifest(self, result, union=False):
        text = result.manifest_text
        if union:
            data = json.loads(text)
            entries = data['sets'].setdefault(self.set, {})
            for path, entry in result.manifest_old.items():
                entries.setdefault(path, entry)
            text = manifest_text(data['sets'])
        elif not result.manifest_changed:
            return
        change = Change(self.manifest, text.encode('utf-8'), None, None)
        full = self.full(self.manifest)
        try:
            change.stat = os.stat(full)
        except OSError:
            change.stat = None
        temp = self._write_temp(change, result)
        os.rename(temp, full)

    @staticmethod
    def _fsync_dir(directory):
        try:
            fd = os.open(directory, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    # -- reporting ---------------------------------------------------------------------------------
    def diffs(self, result, limit=0):
        """One before/after pair per changed file (secret values masked); ``limit`` > 0 caps their number."""
        diffs = []
        for change in result.writes:
            if limit and len(diffs) >= limit:
                break
            if change.state == 'permissions':
                st = change.stat
                diffs.append(dict(before_header=change.path, after_header=change.path,
                                  before='mode %s, owner %d:%d\n' % (format_mode(stat.S_IMODE(st.st_mode)), st.st_uid, st.st_gid),
                                  after='mode %s, owner %s:%s\n' % (
                                      format_mode(change.mode if change.mode is not None else stat.S_IMODE(st.st_mode)),
                                      st.st_uid if self.uid is None else self.uid, st.st_gid if self.gid is None else self.gid)))
                continue
            old_text = change.old.decode('utf-8', 'replace') if change.old is not None else ''
            new_text = change.content.decode('utf-8', 'replace')
            old_secrets, new_secrets = self.masker.secrets(old_text), self.masker.secrets(new_text)
            changed = [name for name, value in new_secrets.items() if name in old_secrets and old_secrets[name] != value]
            before = self.masker.mask(old_text)
            after = self.masker.mask(new_text, changed)
            diffs.append(dict(before_header=change.path if change.state == 'updated' else '/dev/null', after_header=change.path,
                              before=before, after=after))
        for path in result.removals:
            if limit and len(diffs) >= limit:
                break
            with open(self.full(path), 'rb') as handle:
                before = self.masker.mask(handle.read().decode('utf-8', 'replace'))
            diffs.append(dict(before_header=path, after_header='/dev/null', before=before, after=''))
        total = len(result.writes) + len(result.removals)
        if limit and total > len(diffs):
            diffs.append(dict(before_header='(more files)', after_header='(more files)', before='',
                              after='%d more changed file(s) not shown (diff_limit %d)\n' % (total - len(diffs), limit)))
        return diffs


def lock_share(root, create=True):
    """An exclusive lock on the root directory (a file descriptor to close, or None when the root is missing and not
    created): two runs, of this writer or the firmware writer (ucs_firmware.py), never plan or write the same share at once."""
    if not os.path.isdir(root):
        if not create:
            return None
        os.makedirs(root, NEW_DIR_MODE)
    fd = os.open(root, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def manifest_text(sets):
    """The manifest as JSON with one line per file (readable, diffable, and fast to write for 10,000 files)."""
    lines = ['{"generator": "polycom.uc", "version": 1, "sets": {']
    for set_index, name in enumerate(sorted(sets)):
        lines.append(' %s: {' % json.dumps(name))
        entries = sets[name]
        paths = sorted(entries)
        for index, path in enumerate(paths):
            lines.append('  %s: %s%s' % (json.dumps(path), json.dumps(entries[path], sort_keys=True), ',' if index < len(paths) - 1 else ''))
        lines.append(' }%s' % (',' if set_index < len(sets) - 1 else ''))
    lines.append('}}')
    return '\n'.join(lines) + '\n'


def check_path_quietly(path):
    try:
        return check_relative(path)
    except ShareError:
        return None
