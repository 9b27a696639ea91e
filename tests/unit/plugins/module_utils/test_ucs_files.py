"""The share writer: only what changed, atomically, never phone uploads, manifest-bound prune (module_utils/ucs_files.py)."""
import json
import os
import stat

import pytest

from ansible_collections.polycom.uc.plugins.module_utils import ucs_files
from ansible_collections.polycom.uc.plugins.module_utils.ucs_files import MANIFEST, Masker, ShareError, ShareWriter, TEMP_PREFIX, digest


def cfg(mac, value='1', password=None):
    extra = ' reg.1.auth.password="%s"' % password if password else ''
    return ('<polycomConfig><lync reg.1.address="sip:%s@b.com" x.y="%s"%s/></polycomConfig>\n' % (mac, value, extra)).encode()


def files_for(macs, value='1', **kw):
    return [('%s-lync.cfg' % mac, cfg(mac, value, **kw), None, mac) for mac in macs] + [('lync-shared.cfg', b'<shared/>\n', None, None)]


def snapshot(root):
    """Every file and directory under root: content, mode, mtime."""
    found = {}
    for base, dirs, names in os.walk(root):
        for name in dirs + names:
            full = os.path.join(base, name)
            st = os.lstat(full)
            content = open(full, 'rb').read() if stat.S_ISREG(st.st_mode) else None
            found[os.path.relpath(full, root)] = (content, st.st_mode, st.st_mtime_ns, st.st_uid)
    return found


def writer(root, **kw):
    kw.setdefault('manifest_set', 'lync')
    kw.setdefault('protect', ['logs/*', 'overrides/*'])
    return ShareWriter(str(root), **kw)


MACS = ['0004f200000%d' % i for i in range(1, 5)]


def test_first_run_creates_then_nothing_changes(tmp_path):
    first = writer(tmp_path).run(files_for(MACS), [('logs', '0775'), ('overrides', '0775')])
    assert sorted(first.created) == sorted('%s-lync.cfg' % m for m in MACS) + ['lync-shared.cfg']
    assert first.directories == ['logs', 'overrides'] and first.changed
    assert stat.S_IMODE(os.stat(str(tmp_path / 'logs')).st_mode) == 0o775
    assert stat.S_IMODE(os.stat(str(tmp_path / '0004f2000001-lync.cfg')).st_mode) == 0o644
    before = snapshot(str(tmp_path))
    second = writer(tmp_path).run(files_for(MACS), [('logs', '0775'), ('overrides', '0775')])
    assert not second.changed and second.unchanged == 5 and second.created == second.updated == []
    assert snapshot(str(tmp_path)) == before


def test_only_the_changed_file_is_rewritten_keeping_its_mode_and_owner(tmp_path):
    writer(tmp_path).run(files_for(MACS))
    target = str(tmp_path / '0004f2000002-lync.cfg')
    os.chmod(target, 0o664)
    os.chown(target, 65534, 65534)
    before = snapshot(str(tmp_path))
    files = files_for(MACS)
    files[1] = (files[1][0], cfg(MACS[1], '2'), None, MACS[1])
    result = writer(tmp_path).run(files)
    assert result.updated == ['0004f2000002-lync.cfg'] and result.created == [] and result.unchanged == 4
    after = snapshot(str(tmp_path))
    changed = sorted(p for p in after if after[p] != before.get(p))
    assert changed == sorted(['0004f2000002-lync.cfg', MANIFEST])
    st = os.stat(target)
    assert (stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid) == (0o664, 65534, 65534)
    assert open(target, 'rb').read() == cfg(MACS[1], '2')


def test_requested_mode_is_enforced_without_rewriting(tmp_path):
    writer(tmp_path).run(files_for(MACS))
    ino = os.stat(str(tmp_path / '0004f2000001-lync.cfg')).st_ino
    files = [(p, c, '0640' if t else None, t) for p, c, _m, t in files_for(MACS)]
    result = writer(tmp_path).run(files)
    assert sorted(result.permissions) == sorted('%s-lync.cfg' % m for m in MACS) and result.updated == []
    st = os.stat(str(tmp_path / '0004f2000001-lync.cfg'))
    assert stat.S_IMODE(st.st_mode) == 0o640 and st.st_ino == ino
    assert not writer(tmp_path).run(files).changed


def test_check_mode_writes_nothing_and_predicts_the_real_run(tmp_path):
    writer(tmp_path).run(files_for(MACS))
    (tmp_path / 'overrides').mkdir()
    files = files_for(MACS[1:] + ['0004f2000009'], value='3')
    before = snapshot(str(tmp_path))
    predicted = writer(tmp_path).run(files, [('logs', '0775')], prune=True, check_mode=True, diff=True)
    assert snapshot(str(tmp_path)) == before
    real = writer(tmp_path).run(files, [('logs', '0775')], prune=True, diff=True)
    assert predicted.result() == real.result()
    assert predicted.diff == real.diff
    after = snapshot(str(tmp_path))
    touched = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    assert touched == sorted(real.created + real.updated + real.pruned + real.directories + [MANIFEST])


def test_check_mode_on_a_missing_root_creates_nothing(tmp_path):
    root = tmp_path / 'share'
    result = writer(root).run(files_for(MACS), [('logs', '0775')], check_mode=True)
    assert not root.exists() and result.directories == ['.', 'logs'] and len(result.created) == 5


def test_phone_uploads_are_refused_and_survive_prune(tmp_path):
    (tmp_path / 'overrides').mkdir()
    (tmp_path / 'logs').mkdir()
    uploads = {'overrides/0004f2000001-phone.cfg': b'<PHONE_CONFIG/>', 'overrides/0004f2000001-web.cfg': b'<w/>',
               'logs/0004f2000001-app.log': b'log', '0004f2000001-boot.log': b'root log', 'contacts-0004f2000001-directory.xml': b'c'}
    for path, content in uploads.items():
        (tmp_path / path).write_bytes(content)
    for bad in ('overrides/x.cfg', '0004f2000001-phone.cfg', 'sub/0004f2000001-web.cfg', 'x.log'):
        with pytest.raises(ShareError, match='phones upload files there'):
            writer(tmp_path).run([(bad, b'x', None, None)])
    # a manifest that lists phone uploads (tampered or from an old version) does not make them prunable
    writer(tmp_path).run(files_for(MACS))
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    for path in uploads:
        manifest['sets']['lync'][path] = {'sha256': digest(Masker(), uploads[path])}
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    result = writer(tmp_path).run(files_for(MACS[:1]), prune=True)
    assert sorted(result.pruned) == sorted('%s-lync.cfg' % m for m in MACS[1:])
    for path, content in uploads.items():
        assert (tmp_path / path).read_bytes() == content


def test_prune_removes_only_unchanged_files_listed_in_the_sets_manifest(tmp_path):
    writer(tmp_path).run(files_for(MACS))
    writer(tmp_path, manifest_set='other').run([('other.cfg', b'<o/>', None, None)])
    (tmp_path / 'admin-notes.cfg').write_bytes(b'<mine/>')  # never generated: never pruned
    (tmp_path / '0004f2000003-lync.cfg').write_bytes(b'<edited by hand/>')  # generated, then changed: kept
    stale_only = writer(tmp_path).run(files_for(MACS[:1]))
    assert sorted(stale_only.stale) == sorted('%s-lync.cfg' % m for m in MACS[1:]) and stale_only.pruned == []
    assert (tmp_path / '0004f2000002-lync.cfg').exists()
    result = writer(tmp_path).run(files_for(MACS[:1]), prune=True)
    assert sorted(result.pruned) == ['0004f2000002-lync.cfg', '0004f2000004-lync.cfg']
    assert result.kept_modified == ['0004f2000003-lync.cfg']
    expected = ['0004f2000001-lync.cfg', '0004f2000003-lync.cfg', 'admin-notes.cfg', 'lync-shared.cfg', 'other.cfg', MANIFEST]
    assert sorted(os.listdir(str(tmp_path))) == sorted(expected)
    sets = json.loads((tmp_path / MANIFEST).read_text())['sets']
    assert sorted(sets['lync']) == ['0004f2000001-lync.cfg', 'lync-shared.cfg'] and list(sets['other']) == ['other.cfg']
    assert not writer(tmp_path).run(files_for(MACS[:1]), prune=True).changed


def test_a_crash_between_temporary_write_and_rename_leaves_whole_files(tmp_path, monkeypatch):
    old = files_for(MACS, value='old')
    writer(tmp_path).run(old)
    new = files_for(MACS + ['0004f2000009'], value='new')
    renames = []
    real_rename = os.rename

    def crash_after_two(src, dst):
        if len(renames) == 2:
            raise KeyboardInterrupt('power cut')
        renames.append(dst)
        real_rename(src, dst)
    monkeypatch.setattr(ucs_files.os, 'rename', crash_after_two)
    monkeypatch.setattr(ucs_files.os, 'unlink', lambda path: None)  # a killed process cleans nothing up
    with pytest.raises(KeyboardInterrupt):
        writer(tmp_path).run(new)
    monkeypatch.undo()
    previous = dict((p, c) for p, c, _m, _t in old)
    for path, content, _mode, _tag in new:
        full = tmp_path / path
        if full.exists():
            assert full.read_bytes() in (content, previous.get(path)), path
        else:
            assert path not in previous
    leftovers = [n for n in os.listdir(str(tmp_path)) if n.startswith(TEMP_PREFIX)]
    assert leftovers  # the crash left temporary files, and only those are partial
    manifest = json.loads((tmp_path / MANIFEST).read_text())['sets']['lync']
    assert '0004f2000009-lync.cfg' in manifest  # written before any new file appeared
    result = writer(tmp_path).run(new)
    assert sorted(result.cleaned) == sorted(leftovers)
    assert [n for n in os.listdir(str(tmp_path)) if n.startswith(TEMP_PREFIX)] == []
    for path, content, _mode, _tag in new:
        assert (tmp_path / path).read_bytes() == content


def test_diff_masks_passwords_and_the_manifest_holds_no_password_digest(tmp_path):
    files = files_for(MACS[:1], password='S3cr&t')
    result = writer(tmp_path).run(files, diff=True)
    assert 'S3cr' not in json.dumps(result.diff)
    assert 'reg.1.auth.password="********"' in result.diff[0]['after']
    result = writer(tmp_path).run(files_for(MACS[:1], password='0ther'), diff=True)
    assert result.updated == ['0004f2000001-lync.cfg']
    assert result.diff[0]['before'].replace('********', '******** (changed)') == result.diff[0]['after']  # only the password
    assert '0ther' not in json.dumps(result.diff)
    assert digest(Masker(), cfg('a', password='one')) == digest(Masker(), cfg('a', password='two'))
    assert 'S3cr' not in (tmp_path / MANIFEST).read_text()


def test_diff_limit_and_pruned_files_in_the_diff(tmp_path):
    writer(tmp_path).run(files_for(MACS))
    result = writer(tmp_path).run(files_for(MACS[:1], value='2'), prune=True, diff=True, diff_limit=2)
    assert [d['after_header'] for d in result.diff[:2]] == ['0004f2000001-lync.cfg', '/dev/null']
    assert result.diff[2]['after'] == '2 more changed file(s) not shown (diff_limit 2)\n'


@pytest.mark.parametrize('path', ['/etc/passwd', '../x.cfg', 'a/../../x.cfg', 'a//b.cfg', './a.cfg', '', TEMP_PREFIX + 'x', MANIFEST])
def test_paths_outside_the_share_are_refused(tmp_path, path):
    with pytest.raises(ShareError):
        writer(tmp_path).run([(path, b'x', None, None)])


def test_symlinks_out_of_the_share_are_refused(tmp_path):
    outside = tmp_path / 'outside'
    outside.mkdir()
    share = tmp_path / 'share'
    share.mkdir()
    os.symlink(str(outside), str(share / 'sub'))
    with pytest.raises(ShareError, match='outside the share root'):
        writer(share).run([('sub/x.cfg', b'x', None, None)])
    (outside / 'existing.cfg').write_bytes(b'outside')
    with pytest.raises(ShareError, match='outside the share root'):
        writer(share).run([('sub/existing.cfg', b'x', None, None)])
    assert (outside / 'existing.cfg').read_bytes() == b'outside'
    (outside / 'existing.cfg').unlink()
    os.symlink(str(outside / 'f.cfg'), str(share / 'link.cfg'))
    with pytest.raises(ShareError, match='not a regular file'):
        writer(share).run([('link.cfg', b'x', None, None)])
    assert os.listdir(str(outside)) == []


def test_a_corrupt_manifest_is_rewritten_and_prunes_nothing(tmp_path):
    writer(tmp_path).run(files_for(MACS))
    (tmp_path / MANIFEST).write_text('{not json')
    result = writer(tmp_path).run(files_for(MACS[:1]), prune=True)
    assert result.pruned == [] and result.manifest_changed
    assert any('not valid JSON' in w for w in result.warnings)
    assert sorted(result.stale) == []  # nothing known about earlier files
    assert (tmp_path / '0004f2000004-lync.cfg').exists()


def test_masker_custom_names():
    masker = Masker([r'^voice\.secret$'])
    assert masker.mask('<x voice.secret="a" password="b"/>') == '<x voice.secret="********" password="b"/>'
    assert Masker().mask("<x a.password='q' device.sec.configEncryption.key=\"k\" sec.srtp.key.lifetime=\"2^31\"/>") == \
        "<x a.password='********' device.sec.configEncryption.key=\"********\" sec.srtp.key.lifetime=\"2^31\"/>"
