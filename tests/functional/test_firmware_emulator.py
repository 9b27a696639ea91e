"""The phone emulator's firmware rule (7a), straight against the lab share, without the modules."""
import pytest

from firmware_lab import NEW, OLD, PARTS, fw_share  # noqa: F401 pylint: disable=unused-import
from phone_emulator import Phone, image_version, make_image
from test_share_boot import master_file, per_phone_lc, xml_file

MID = '5.0.0.2000'
MAC_VVX, MAC_SPIP = '0004f2e10001', '0004f2e10002'


def image(fw_share, version, model):
    path = 'firmware/%s/%s.sip.ld' % (version, PARTS[model])
    fw_share.write(path, '')  # the directory
    with open('%s/%s' % (fw_share.root, path), 'wb') as handle:
        handle.write(make_image(version, PARTS[model]))
    return path


def share_with(fw_share, **master_attributes):
    fw_share.write('lync.cfg', xml_file([('voIpProt.server.1.address', 'pool.bor-ee.com')]))
    for mac in (MAC_VVX, MAC_SPIP):
        fw_share.write('%s-lync.cfg' % mac, xml_file(per_phone_lc(mac)))
    fw_share.write('000000000000.cfg', master_file('[PHONE_MAC_ADDRESS]-lync.cfg, lync.cfg', **master_attributes))


def test_the_fake_image_format_round_trips_and_other_data_is_no_image():
    data = make_image(NEW, PARTS['VVX500'], size=4096)
    assert len(data) == 4096 and image_version(data) == NEW
    assert image_version(b'<html>404</html>') is None and image_version(b'') is None and image_version(data[1:]) is None


@pytest.mark.parametrize('protocol', ['ftp', 'https'])
def test_the_per_model_image_wins_and_the_phone_reports_what_it_booted(fw_share, protocol):
    share_with(fw_share, APP_FILE_PATH=image(fw_share, MID, 'SPIP650'), APP_FILE_PATH_VVX500=image(fw_share, NEW, 'VVX500'))
    vvx = fw_share.boot(MAC_VVX, model='VVX500', firmware=OLD, protocol=protocol)
    spip = fw_share.boot(MAC_SPIP, model='SPIP650', firmware=OLD, protocol=protocol)
    assert vvx['firmware_version'] == NEW and vvx['firmware'] == {'image': 'firmware/%s/%s.sip.ld' % (NEW, PARTS['VVX500']),
                                                                  'status': 'updated', 'before': OLD}
    assert spip['firmware_version'] == MID and spip['app_file_path'] == 'firmware/%s/%s.sip.ld' % (MID, PARTS['SPIP650'])
    for mac, version in ((MAC_VVX, NEW), (MAC_SPIP, MID)):
        for kind in ('boot', 'app'):
            log = fw_share.read('logs/%s-%s.log' % (mac, kind))
            assert 'Application version: %s' % version in log and 'Application version: %s' % OLD not in log
    assert 'Updating application from %s to %s' % (OLD, NEW) in '\n'.join(vvx['boot_log'])


def test_a_missing_or_broken_image_keeps_the_firmware_and_says_so(fw_share):
    share_with(fw_share, APP_FILE_PATH='firmware/%s/missing.sip.ld' % NEW)
    report = fw_share.boot(MAC_VVX, model='VVX500', firmware=OLD)
    assert report['booted'] and report['firmware_version'] == OLD and report['firmware']['status'] == 'missing'
    assert 'Firmware image firmware/%s/missing.sip.ld not found: keeping application %s' % (NEW, OLD) in fw_share.read('logs/%s-boot.log' % MAC_VVX)
    assert 'Application version: %s' % OLD in fw_share.read('logs/%s-app.log' % MAC_VVX)
    fw_share.write('broken.sip.ld', '<html>not an image</html>')
    share_with(fw_share, APP_FILE_PATH='broken.sip.ld')
    report = fw_share.boot(MAC_VVX, model='VVX500', firmware=OLD)
    assert report['firmware_version'] == OLD and report['firmware']['status'] == 'not_an_image'


def test_a_phone_that_updated_keeps_its_version_when_the_image_goes(fw_share):
    share_with(fw_share, APP_FILE_PATH_VVX500=image(fw_share, NEW, 'VVX500'))
    phone = Phone(MAC_VVX, 'VVX500', OLD)
    assert phone.boot(fw_share.url(), cafile=fw_share.ca)['firmware']['status'] == 'updated'
    again = phone.boot(fw_share.url(), cafile=fw_share.ca)
    assert again['firmware']['status'] == 'current' and again['firmware_version'] == NEW
    share_with(fw_share, APP_FILE_PATH_VVX500='firmware/gone.sip.ld')
    assert phone.boot(fw_share.url(), cafile=fw_share.ca)['firmware_version'] == NEW  # flashed firmware stays
