"""Staged UC Software rollout through playbooks/firmware.yml: the pilot boots the new version, the others stay."""
import os

MODELS = ('VVX500', 'SPIP650', 'VVX1500')  # the models of firmware_lab.PHONES

from firmware_lab import NEW, OLD, PARTS, PHONES, PILOT, fw_share, package, snapshot  # noqa: F401 pylint: disable=unused-import


def estate_on_old(fw_share):
    """Every phone on the old version, as an admin's first run of the playbook leaves the share."""
    run = fw_share.firmware_playbook(firmware_package=package(fw_share.workdir, OLD), firmware_version=OLD, firmware_estate_version=OLD)
    assert run.rc == 0, run.output
    return run


def test_the_pilot_boots_the_new_version_and_the_rest_stays(fw_share):
    estate_on_old(fw_share)
    booted = fw_share.boot_all()
    assert set(r['firmware_version'] for r in booted.values()) == {OLD}
    assert all(r['firmware']['status'] == 'current' for r in booted.values()), booted
    new = package(fw_share.workdir, NEW, as_zip=True)
    staged = dict(firmware_package=new, firmware_version=NEW, firmware_pilot=PILOT, firmware_estate_version=OLD)

    before = snapshot(fw_share.root)
    check = fw_share.firmware_playbook(check=True, diff=True, **staged)
    assert check.rc == 0, check.output
    assert snapshot(fw_share.root) == before  # check mode wrote nothing
    predicted = check.task('Put the package on the share and predict which phones change version', 'share-host')
    changing = dict((c['mac'], (c['before'], c['after'])) for c in predicted['rollout']['changing'])
    assert changing == dict((mac, (OLD, NEW)) for mac in PILOT) and predicted['rollout']['unchanged'] == 2
    # the images of the estate's models only (the package also has SSIP5000's), and sip.ver
    assert sorted(predicted['copied']) == sorted(['firmware/%s/%s.sip.ld' % (NEW, PARTS[m]) for m in MODELS] + ['firmware/%s/sip.ver' % NEW])
    assert '%s.sip.ld' % PARTS['VVX500'] in predicted['diff']['after']

    run = fw_share.firmware_playbook(**staged)
    assert run.rc == 0, run.output
    done = run.task('Put the package on the share and predict which phones change version', 'share-host')
    assert done['copied'] == predicted['copied'] and done['rollout'] == predicted['rollout']
    written = [r['result'] for r in run.results if r['task'].endswith('write the Lync provisioning files')][0]
    assert sorted(written['created']) == sorted('%s.cfg' % mac for mac in PILOT), written
    booted = fw_share.boot_all()
    for phone in PHONES:
        report = booted[phone['mac']]
        wanted = NEW if phone['mac'] in PILOT else OLD
        assert report['firmware_version'] == wanted, report['boot_log']
        assert report['master'] == ('%s.cfg' % phone['mac'] if phone['mac'] in PILOT else '000000000000.cfg')
        assert report['app_file_path'] == 'firmware/%s/%s.sip.ld' % (wanted, PARTS[phone['model']])
        assert 'Application version: %s' % wanted in fw_share.read('logs/%s-app.log' % phone['mac'])
        assert report['lync']['registered'], report['lync']
        # the pilot's own master carries the same CONFIG_FILES as the generic one: same configuration, other firmware
        assert report['config_files'] == ['%s-lync.cfg' % phone['mac'], 'lync-shared.cfg']

    again = fw_share.firmware_playbook(**staged)
    assert again.rc == 0 and again.changed() == 0, again.output
    assert again.task('Put the package on the share and predict which phones change version', 'share-host')['rollout']['changing'] == []


def test_finishing_the_rollout_moves_the_rest_and_prune_removes_the_old_images(fw_share):
    estate_on_old(fw_share)
    new = package(fw_share.workdir, NEW)
    assert fw_share.firmware_playbook(firmware_package=new, firmware_version=NEW, firmware_pilot=PILOT, firmware_estate_version=OLD).rc == 0
    finish = dict(firmware_package=new, firmware_version=NEW, firmware_pilot=PILOT, firmware_estate_version=NEW)
    check = fw_share.firmware_playbook(check=True, **finish)
    changing = check.task('Put the package on the share and predict which phones change version', 'share-host')['rollout']['changing']
    assert sorted((c['mac'], c['before'], c['after']) for c in changing) == [('0004f2f00002', OLD, NEW), ('0004f2f00004', OLD, NEW)]
    assert fw_share.firmware_playbook(**finish).rc == 0
    assert set(r['firmware_version'] for r in fw_share.boot_all().values()) == {NEW}
    # nothing names the old images any more: a run with prune removes them (only on request)
    assert os.path.isdir(os.path.join(fw_share.root, 'firmware', OLD))
    pruned = fw_share.firmware_playbook(firmware_prune=True, **finish)
    assert pruned.rc == 0, pruned.output
    removed = pruned.task('Remove images no master file names any more', 'share-host')['pruned']
    assert sorted(removed) == sorted(['firmware/%s/%s.sip.ld' % (OLD, PARTS[m]) for m in MODELS] + ['firmware/%s/sip.ver' % OLD])
    assert not os.path.exists(os.path.join(fw_share.root, 'firmware', OLD))
    assert set(r['firmware_version'] for r in fw_share.boot_all().values()) == {NEW}


def test_a_phone_taken_out_of_the_pilot_goes_back_to_the_generic_master_and_its_version(fw_share):
    estate_on_old(fw_share)
    new = package(fw_share.workdir, NEW)
    staged = dict(firmware_package=new, firmware_version=NEW, firmware_estate_version=OLD)
    assert fw_share.firmware_playbook(firmware_pilot=PILOT, **staged).rc == 0
    assert fw_share.boot_all()[PILOT[1]]['firmware_version'] == NEW
    check = fw_share.firmware_playbook(check=True, firmware_pilot=PILOT[:1], **staged)
    predicted = [r['result'] for r in check.results if r['task'].endswith('write the Lync provisioning files')][0]
    assert predicted['pruned'] == ['%s.cfg' % PILOT[1]] and os.path.exists(os.path.join(fw_share.root, '%s.cfg' % PILOT[1]))
    back = check.task('Put the package on the share and predict which phones change version', 'share-host')['rollout']['changing']
    assert [(c['mac'], c['before'], c['after']) for c in back] == [(PILOT[1], NEW, OLD)]
    run = fw_share.firmware_playbook(firmware_pilot=PILOT[:1], **staged)
    assert run.rc == 0, run.output
    assert not os.path.exists(os.path.join(fw_share.root, '%s.cfg' % PILOT[1]))  # without lync_provisioning_prune
    report = fw_share.boot(PILOT[1], model='SPIP650', firmware=NEW, login=('u', 'p', 'd'))
    assert report['master'] == '000000000000.cfg' and report['app_file_path'] == 'firmware/%s/%s.sip.ld' % (OLD, PARTS['SPIP650'])
    assert report['firmware_version'] == OLD  # the lab phone installs the image its master names, older or newer
