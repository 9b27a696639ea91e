"""ucs_firmware: the model table, the package reader, the refusals, the writer; and the Lync planner's pilot masters."""
import io
import os
import re
import zipfile

import pytest

from ansible_collections.polycom.uc.plugins.module_utils import ucs_firmware as fw
from ansible_collections.polycom.uc.plugins.module_utils.ucs_lync import LyncError, build_plan, phone_from_mapping

IMAGE = b'\x00\x7fbinary' + bytes(range(256)) * 8  # 2 KiB of binary, like (but unlike the format of) a real image


def write_package(path, version='5.4.0.5841', models=('VVX500', 'SPIP650'), folder=''):
    files = dict((fw.image_name(m), IMAGE + m.encode()) for m in models)
    files['sip.ver'] = (version + '\n').encode()
    if path.endswith('.zip'):
        with zipfile.ZipFile(path, 'w') as archive:
            for name, data in files.items():
                archive.writestr(folder + name, data)
    else:
        os.makedirs(path)
        for name, data in files.items():
            with open(os.path.join(path, name), 'wb') as handle:
                handle.write(data)
    return path


def test_every_model_has_a_part_number_a_label_and_known_sources():
    parts = [part for part, _label, _sources in fw.MODELS.values()]
    assert len(parts) == len(set(parts))
    for model, (part, label, sources) in fw.MODELS.items():
        assert re.match(r'^\d{4}-\d{5}-\d{3}$', part) and label in ('doc', 'capture', 'inferred') and sources
        assert all(source in fw.SOURCES for source in sources), model
    assert fw.image_name('VVX 500') == fw.image_name('vvx-500') == '3111-44500-001.sip.ld'
    assert fw.image_name('SPIP650') == '2345-12600-001.sip.ld' and fw.image_name('VVX999') is None


@pytest.mark.parametrize('name', ['pkg', 'pkg.zip', 'folder.zip'])
def test_zip_directory_and_zip_with_one_folder_read_alike(tmp_path, name):
    path = write_package(str(tmp_path / name), folder='spip_ssip_vvx_5_4_0/' if name == 'folder.zip' else '')
    package = fw.Package(path)
    assert package.version == '5.4.0.5841' and sorted(package.images()) == ['2345-12600-001.sip.ld', '3111-44500-001.sip.ld']
    assert fw.package_problems(package, '5.4.0', ['VVX500'], {}) == []
    assert fw.package_problems(package, '5.4.1', ['VVX500'], {}) == ["version: 5.4.1 asked for, but the package's sip.ver says '5.4.0.5841'"]
    assert fw.package_problems(package, '5.4.0', ['VVX1500'], {}) == ['models: the package has no image for VVX1500 (2345-17960-001.sip.ld)']
    assert 'below the baseline minimum 6.0' in fw.package_problems(package, '5.4.0', ['VVX500'], {'phone': {'minimum': '6.0'}})[0]
    assert 'not the baseline\'s exact 5.4.1' in fw.package_problems(package, '5.4.0', ['VVX500'], {'phone': {'exact': '5.4.1'}})[0]
    package.close()


@pytest.mark.parametrize('data, problem', [
    (b'\x00' * 10, 'has 10 bytes'), (b'PK\x03\x04' + IMAGE, 'a ZIP archive'), (b'\x1f\x8b' + IMAGE, 'gzip'),
    (b'<?xml version="1.0"?>' + b' ' * 2000, 'XML or HTML'), (b'just text\n' * 300, 'plain text'), (IMAGE, None)])
def test_what_is_no_image(data, problem):
    found = fw.image_problem(fw.Member('x.sip.ld', len(data), lambda: io.BytesIO(data)))
    assert (found is None) if problem is None else (problem in found)


def test_writer_copies_once_prunes_unreferenced_and_cleans_temps(tmp_path):
    root = str(tmp_path / 'share')
    writer = fw.FirmwareWriter(root)
    old = fw.Package(write_package(str(tmp_path / 'old'), version='4.0.1.13681', models=('VVX500',)))
    plan = writer.run(old, ['VVX500'], check_mode=True)
    assert [p for p, _m, _s in plan.copies] == ['firmware/4.0.1.13681/3111-44500-001.sip.ld', 'firmware/4.0.1.13681/sip.ver']
    assert not os.path.exists(root)  # check mode writes nothing, not even the root
    writer.run(old, ['VVX500'])
    again = writer.run(old, ['VVX500'])
    assert not again.changed and len(again.unchanged) == 2
    new = fw.Package(write_package(str(tmp_path / 'new'), models=('VVX500',)))
    open(os.path.join(root, 'firmware', '4.0.1.13681', fw.TEMP_PREFIX + 'x'), 'w').close()
    with open(os.path.join(root, '000000000000.cfg'), 'w') as handle:
        handle.write('<APPLICATION APP_FILE_PATH="sip.ld" APP_FILE_PATH_VVX500="firmware/5.4.0.5841/3111-44500-001.sip.ld"/>')
    plan = writer.run(new, ['VVX500'], prune=True, check_mode=True)
    assert plan.pruned == ['firmware/4.0.1.13681/3111-44500-001.sip.ld', 'firmware/4.0.1.13681/sip.ver']
    assert plan.cleaned == ['firmware/4.0.1.13681/' + fw.TEMP_PREFIX + 'x'] and plan.removed_dirs == ['firmware/4.0.1.13681']
    writer.run(new, ['VVX500'], prune=True)
    assert os.listdir(os.path.join(root, 'firmware')) == ['5.4.0.5841']
    assert fw.version_of_path(root, 'firmware/5.4.0.5841/3111-44500-001.sip.ld') == '5.4.0.5841'
    assert fw.referenced_paths(root) == ({'sip.ld', 'firmware/5.4.0.5841/3111-44500-001.sip.ld'}, [])


def test_prune_keeps_an_image_named_another_way_and_refuses_when_a_master_cannot_be_read(tmp_path):
    """A master naming the image as ./firmware/... still references it; a master that is not well-formed XML, or one
    naming its image by URL, could reference anything: nothing is pruned, the run says why."""
    root = str(tmp_path / 'share')
    os.makedirs(root)
    writer = fw.FirmwareWriter(root, 'firmware')
    old = fw.Package(write_package(str(tmp_path / 'old'), version='4.0.1.13681', models=('VVX500',)))
    writer.run(old, ['VVX500'])
    new = fw.Package(write_package(str(tmp_path / 'new'), models=('VVX500',)))
    with open(os.path.join(root, '000000000000.cfg'), 'w') as handle:
        handle.write('<APPLICATION APP_FILE_PATH_VVX500="./firmware/4.0.1.13681/3111-44500-001.sip.ld"/>')
    plan = writer.run(new, ['VVX500'], prune=True, check_mode=True)
    assert 'firmware/4.0.1.13681/3111-44500-001.sip.ld' not in plan.pruned
    for master in ('<APPLICATION APP_FILE_PATH_VVX500="firmware/x.sip.ld"', '<APPLICATION APP_FILE_PATH="https://fw/sip.ld"/>'):
        with open(os.path.join(root, '0004f2a0b001.cfg'), 'w') as handle:
            handle.write(master)
        with pytest.raises(fw.FirmwareError) as refused:
            writer.run(new, ['VVX500'], prune=True, check_mode=True)
        assert '0004f2a0b001.cfg' in str(refused.value.problems)


def phones(*rows):
    problems = []
    found = [phone_from_mapping('phones[%d]' % i, row, problems) for i, row in enumerate(rows)]
    assert problems == []
    return found


PILOT_OPTS = dict(pool_address='pool.example.com', app_file_path_by_model={'VVX500': 'firmware/4.0.1/a.sip.ld'},
                  firmware_pilot=['00:04:f2:00:00:01'], firmware_pilot_app_file_path_by_model={'VVX500': 'firmware/5.4.0/a.sip.ld'})
ROWS = (dict(mac='0004f2000001', address='sip:a@example.com', model='VVX500'), dict(mac='0004f2000002', address='sip:b@example.com', model='VVX500'))


def test_the_pilot_gets_its_own_master_with_the_generic_config_files():
    plan = build_plan(PILOT_OPTS, phones(*ROWS))
    masters = dict((item.path, dict(item.params)) for item in plan.items if item.kind == 'master')
    assert sorted(masters) == ['000000000000.cfg', '0004f2000001.cfg']
    generic, pilot = masters['000000000000.cfg'], masters['0004f2000001.cfg']
    assert generic['APP_FILE_PATH_VVX500'] == 'firmware/4.0.1/a.sip.ld' and pilot['APP_FILE_PATH_VVX500'] == 'firmware/5.4.0/a.sip.ld'
    assert pilot['CONFIG_FILES'] == generic['CONFIG_FILES'].replace('[PHONE_MAC_ADDRESS]', '0004f2000001')
    per_phone = build_plan(dict(PILOT_OPTS, master='per_phone'), phones(*ROWS))
    paths = dict((item.path, dict(item.params)['APP_FILE_PATH_VVX500']) for item in per_phone.items if item.kind == 'master')
    assert paths == {'0004f2000001.cfg': 'firmware/5.4.0/a.sip.ld', '0004f2000002.cfg': 'firmware/4.0.1/a.sip.ld'}


@pytest.mark.parametrize('change, message', [
    (dict(firmware_pilot=['0004f2000009']), 'firmware_pilot: 0004f2000009 not among the phones of this run'),
    (dict(firmware_pilot=['nope']), "firmware_pilot: 'nope' is not a MAC address"),
    (dict(firmware_pilot_app_file_path_by_model={}), 'pilot phones need firmware_pilot_app_file_path_by_model'),
    (dict(firmware_pilot_app_file_path_by_model={'VVX-500': 'a.ld'}), "model 'VVX-500' must be letters and digits"),
])
def test_pilot_mistakes_are_refused(change, message):
    with pytest.raises(LyncError) as error:
        build_plan(dict(PILOT_OPTS, **change), phones(*ROWS))
    assert any(message in problem for problem in error.value.problems), error.value.problems


def test_a_master_no_longer_generated_is_removed_without_prune_only_when_the_planner_says_so(tmp_path):
    from ansible_collections.polycom.uc.plugins.module_utils.ucs_files import ShareWriter
    assert build_plan(PILOT_OPTS, phones(*ROWS)).prune_also == ['[0-9a-f]' * 12 + '.cfg']
    assert build_plan(dict(PILOT_OPTS, master='per_phone'), phones(*ROWS)).prune_also == []
    root = str(tmp_path)
    files = [('000000000000.cfg', b'<APPLICATION/>', None, None), ('0004f2000001.cfg', b'<APPLICATION A="1"/>', None, '0004f2000001'),
             ('0004f2000001-lync.cfg', b'<x/>', None, '0004f2000001')]
    ShareWriter(root, manifest_set='lync').run(files)
    kept = ShareWriter(root, manifest_set='lync').run(files[:1])
    assert sorted(kept.stale) == ['0004f2000001-lync.cfg', '0004f2000001.cfg'] and kept.pruned == []
    removed = ShareWriter(root, manifest_set='lync', prune_also=['[0-9a-f]' * 12 + '.cfg']).run(files[:1])
    assert removed.pruned == ['0004f2000001.cfg'] and removed.stale == ['0004f2000001-lync.cfg']
    assert sorted(os.listdir(root)) == ['.polycom-uc-manifest.json', '000000000000.cfg', '0004f2000001-lync.cfg']
