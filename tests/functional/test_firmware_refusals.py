"""polycom.uc.ucs_firmware refuses, before writing and in check mode alike, every package it must not put on the share."""
import os
import zipfile

import pytest

from firmware_lab import NEW, OLD, PARTS, fw_share, package, snapshot  # noqa: F401 pylint: disable=unused-import
from phone_emulator import make_image


def put(fw_share, check=False, **args):
    args.setdefault('root', '{{ share_root }}')
    return fw_share.play([{'name': 'put', 'polycom.uc.ucs_firmware': args, 'register': 'out', 'ignore_errors': True}], check=check)


def bad_image(directory, name, data):
    with open(os.path.join(directory, name), 'wb') as handle:
        handle.write(data)


CASES = {
    'model missing': (lambda d: package(d, NEW, models=['VVX500']), dict(version=NEW, models=['VVX500', 'VVX1500']),
                      'the package has no image for VVX1500 (2345-17960-001.sip.ld)'),
    'unknown model': (lambda d: package(d, NEW), dict(version=NEW, models=['VVX999']), 'VVX999 is not a UC Software model'),
    'below minimum': (lambda d: package(d, OLD), dict(version=OLD, models=['VVX500'], baseline={'phone': {'minimum': '5.4'}}),
                      'version: %s is below the baseline minimum 5.4 for VVX500 (phone)' % OLD),
    'model minimum': (lambda d: package(d, NEW), dict(version=NEW, models=['VVX500', 'SPIP650'],
                                                      baseline={'phone': {'minimum': '4.0', 'models': {'SPIP 650': {'minimum': '6.0'}}}}),
                      'below the baseline minimum 6.0 for SPIP650 (phone.models.SPIP 650)'),
    'sip.ver differs': (lambda d: package(d, NEW, sip_ver='5.3.0.1000'), dict(version=NEW, models=['VVX500']),
                        "version: %s asked for, but the package's sip.ver says '5.3.0.1000'" % NEW),
    'no sip.ver': (lambda d: (package(d, NEW), os.unlink(os.path.join(d, 'uc-%s' % NEW, 'sip.ver')))[0], dict(version=NEW, models=['VVX500']),
                   'has no sip.ver'),
    'tiny image': (lambda d: (package(d, NEW), bad_image(os.path.join(d, 'uc-%s' % NEW), '3111-44500-001.sip.ld', b'\x00' * 100))[0],
                   dict(version=NEW, models=['VVX500']), '3111-44500-001.sip.ld has 100 bytes; a UC Software image has at least 1024'),
    'html page': (lambda d: (package(d, NEW), bad_image(os.path.join(d, 'uc-%s' % NEW), '3111-44500-001.sip.ld',
                                                        b'<html><body>404 Not Found</body></html>' + b' ' * 4096))[0],
                  dict(version=NEW, models=['VVX500']), 'starts like XML or HTML text'),
    'zip inside': (lambda d: (package(d, NEW), bad_image(os.path.join(d, 'uc-%s' % NEW), '2345-12600-001.sip.ld', b'PK\x03\x04' + b'\x01' * 4096))[0],
                   dict(version=NEW, models=['SPIP650']), 'starts like a ZIP archive'),
    'text file': (lambda d: (package(d, NEW), bad_image(os.path.join(d, 'uc-%s' % NEW), '2345-12600-001.sip.ld', b'firmware goes here\n' * 200))[0],
                  dict(version=NEW, models=['SPIP650']), 'is plain text'),
}


@pytest.mark.parametrize('case', sorted(CASES))
def test_refused_before_writing_in_check_mode_and_for_real(fw_share, case):
    make, args, message = CASES[case]
    args = dict(args, package=make(fw_share.workdir))
    before = snapshot(fw_share.root)
    for check in (True, False):
        run = put(fw_share, check=check, **args)
        result = run.task('put', 'localhost')
        assert result['msg'].startswith('nothing was written: ') and message in result['msg'], (case, result)
        assert any(message in problem for problem in result['problems'])
        assert snapshot(fw_share.root) == before, case


def test_every_problem_at_once_and_bad_options(fw_share):
    pkg = package(fw_share.workdir, OLD, models=['VVX500'], sip_ver='4.0.0.1')
    result = put(fw_share, package=pkg, version=OLD, models=['VVX500', 'SPIP650'], baseline={'phone': {'minimum': '5.4'}}).task('put', 'localhost')
    assert not result.get('changed') and len(result['problems']) >= 3, result
    result = put(fw_share, package=pkg, version=OLD, directory='../outside').task('put', 'localhost')
    assert not result.get('changed') and 'directory' in result['msg']
    result = put(fw_share, package=os.path.join(fw_share.workdir, 'nope.zip'), version=NEW).task('put', 'localhost')
    assert not result.get('changed') and 'does not exist' in result['msg']
    result = put(fw_share, package=package(fw_share.workdir, NEW), version=NEW, phones=[['0004f2f00001', 'VVX500']],
                 pilot=['0004f2f00009']).task('put', 'localhost')
    assert not result.get('changed') and 'pilot: 0004f2f00009 is not one of phones' in result['msg']
    result = put(fw_share, package=package(fw_share.workdir, NEW), version=NEW, baseline={'phone': {'minimun': '5'}}).task('put', 'localhost')
    assert not result.get('changed') and 'unknown key minimun' in result['msg']
    assert snapshot(fw_share.root) == {} or all(not p.startswith('firmware') for p in snapshot(fw_share.root))


def test_a_zip_as_polycom_ships_it_and_an_unpacked_directory_give_the_same_share(fw_share):
    zipped = package(fw_share.workdir, NEW, as_zip=True)
    first = put(fw_share, package=zipped, version='5.4.0').task('put', 'localhost')
    assert first['changed'] and first['version'] == NEW and first['path'] == 'firmware/%s' % NEW, first
    assert sorted(first['images']) == sorted(PARTS) and all(p.startswith('firmware/%s/' % NEW) for p in first['images'].values())
    # the same files unpacked: nothing to copy (size and SHA-256 equal)
    unpacked = os.path.join(fw_share.workdir, 'unpacked')
    with zipfile.ZipFile(zipped) as archive:
        archive.extractall(unpacked)
    second = put(fw_share, package=unpacked, version=NEW).task('put', 'localhost')
    assert not second['changed'] and second['copied'] == [] and len(second['unchanged']) == len(PARTS) + 1, second
    # one image re-issued with the same name: only that one is copied, check mode predicts it exactly
    with open(os.path.join(unpacked, '3111-44500-001.sip.ld'), 'wb') as handle:
        handle.write(make_image(NEW, '3111-44500-001', size=5000))
    predicted = put(fw_share, check=True, package=unpacked, version=NEW).task('put', 'localhost')
    done = put(fw_share, package=unpacked, version=NEW).task('put', 'localhost')
    assert predicted['copied'] == done['copied'] == ['firmware/%s/3111-44500-001.sip.ld' % NEW]
    assert os.path.getsize(os.path.join(fw_share.root, 'firmware', NEW, '3111-44500-001.sip.ld')) == 5000
