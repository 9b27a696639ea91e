"""The lync_provisioning role against a share directory: layout, idempotency, check mode, diff, secrets, prune, uploads."""
import json
import os
import stat

from phone_emulator import Phone  # tests/lab is on sys.path (conftest)

from lync_helpers import MANIFEST, PEM, POOL, lync_share, mac, phone, result_of, touched  # noqa: F401 pylint: disable=unused-import

NASTY = u'p&<w>"o\'rd; x'
UPLOADS = {
    'overrides/%s-phone.cfg': b'<PHONE_CONFIG><OVERRIDES voice.volume.persist.handset="1"/></PHONE_CONFIG>',
    'overrides/%s-web.cfg': b'<PHONE_CONFIG><OVERRIDES up.backlight.idleIntensity="1"/></PHONE_CONFIG>',
    'logs/%s-app.log': b'0101000000|so   |4|00|Phone model: VVX500\n',
    'logs/%s-boot.log': b'boot\n',
    'contacts/%s-directory.xml': b'<directory/>',
    'calls/%s-calls.xml': b'<calls/>',
}


def boot(root, index, **kw):
    return Phone(mac(index), 'VVX500', '4.0.1.13681', **kw).boot('file://' + root)


def test_layout_of_the_default_mode_and_a_second_run_changes_nothing(lync_share):
    first = lync_share.apply(lync_provisioning_all_in_one=True, lync_provisioning_shared_params={'pres.idleTimeout.offHours.period': 30},
                             lync_provisioning_group_params={'hq': {'voIpProt.SIP.IM.autoAnswerDelay': 10}},
                             lync_provisioning_phones=[phone(1, group='hq', model='VVX500'), phone(2, params={'callLists.logConsultationCalls': 0})])
    assert first.rc == 0, first.output[-3000:]
    result = result_of(first)
    assert result['changed'] and result['phones'] == 2 and result['files'] == 6
    assert sorted(result['created']) == sorted(['lync-shared.cfg', '000000000000.cfg', '%s-lync.cfg' % mac(1), '%s-lync.cfg' % mac(2),
                                                'web-utility/%s-lync-all-in-one.cfg' % mac(1), 'web-utility/%s-lync-all-in-one.cfg' % mac(2)])
    assert sorted(result['directories']) == ['.', 'calls', 'contacts', 'logs', 'overrides', 'web-utility']  # the root too
    master = lync_share.params('000000000000.cfg')
    assert master['CONFIG_FILES'] == '[PHONE_MAC_ADDRESS]-lync.cfg, lync-shared.cfg'
    assert (master['LOG_FILE_DIRECTORY'], master['OVERRIDES_DIRECTORY'], master['CONTACTS_DIRECTORY'], master['CALL_LISTS_DIRECTORY']) == \
        ('logs', 'overrides', 'contacts', 'calls')
    shared = lync_share.params('lync-shared.cfg')
    assert shared['voIpProt.server.1.address'] == POOL and shared['sec.TLS.customCaCert.1'] == PEM
    assert shared['sec.srtp.key.lifetime'] == '2^31' and shared['voIpProt.server.1.specialInterop'] == 'lync2010'
    assert shared['pres.idleTimeout.offHours.period'] == '30'
    one = lync_share.params('%s-lync.cfg' % mac(1))
    assert one == {'reg.1.address': 'sip:user1@bor-ee.com', 'reg.1.auth.useLoginCredentials': '1', 'msg.mwi.1.callBackMode': 'contact',
                   'msg.mwi.1.callBack': 'sip:user1@bor-ee.com;opaque=app:voicemail', 'roaming_buddies.reg': '1',
                   'voIpProt.SIP.IM.autoAnswerDelay': '10'}
    assert lync_share.params('%s-lync.cfg' % mac(2))['callLists.logConsultationCalls'] == '0'
    web = lync_share.params('web-utility', '%s-lync-all-in-one.cfg' % mac(1))
    assert web['feature.presence.enabled'] == '1' and web['reg.1.auth.useLoginCredentials'] == '1' and 'reg.1.auth.password' not in web
    for directory in ('logs', 'overrides', 'contacts', 'calls'):
        assert stat.S_IMODE(os.stat(lync_share.path(directory)).st_mode) == 0o775
    # the phone emulator boots from it: per-phone file left of the shared file, line 1 registers with credentials entered at the phone
    report = boot(lync_share.root, 1, login_credentials=('user1', 'pw', 'BOR-EE'))
    assert report['lync']['registered'] and report['lync']['credentials'] == 'login' and report['rejected'] == []
    assert report['parameters']['voIpProt.SIP.IM.autoAnswerDelay'] == {'value': '10', 'source': '%s-lync.cfg' % mac(1)}

    before = lync_share.snapshot()
    second = lync_share.apply(lync_provisioning_all_in_one=True, lync_provisioning_shared_params={'pres.idleTimeout.offHours.period': 30},
                              lync_provisioning_group_params={'hq': {'voIpProt.SIP.IM.autoAnswerDelay': 10}},
                              lync_provisioning_phones=[phone(1, group='hq', model='VVX500'), phone(2, params={'callLists.logConsultationCalls': 0})])
    assert second.rc == 0 and second.changed() == 0, second.output[-3000:]
    assert result_of(second)['unchanged'] == 6
    assert lync_share.snapshot() == before


def test_check_mode_predicts_exactly_what_the_real_run_changes(lync_share):
    assert lync_share.apply(lync_provisioning_phones=[phone(i) for i in range(1, 6)]).rc == 0
    os.chmod(lync_share.path('logs'), 0o755)
    changed = dict(lync_provisioning_phones=[phone(1, params={'reg.1.telephony': 0})] + [phone(i) for i in range(2, 5)] + [phone(9)],
                   lync_provisioning_shared_params={'voIpProt.SIP.use486forReject': 1}, lync_provisioning_prune=True)
    before = lync_share.snapshot()
    check = lync_share.apply(check=True, diff=True, **changed)
    assert check.rc == 0, check.output[-3000:]
    assert lync_share.snapshot() == before, 'check mode wrote something'
    predicted = result_of(check)
    assert predicted['changed']
    assert sorted(predicted['updated']) == ['%s-lync.cfg' % mac(1), 'lync-shared.cfg']
    assert predicted['created'] == ['%s-lync.cfg' % mac(9)] and predicted['pruned'] == ['%s-lync.cfg' % mac(5)]
    assert predicted['directories'] == ['logs']
    real = lync_share.apply(diff=True, **changed)
    assert real.rc == 0
    done = result_of(real)
    for key in ('created', 'updated', 'pruned', 'directories', 'permissions', 'unchanged', 'manifest_changed'):
        assert done[key] == predicted[key], key
    assert predicted['diff'] == done['diff']
    expected = predicted['created'] + predicted['updated'] + predicted['pruned'] + predicted['directories'] + [MANIFEST]
    assert touched(before, lync_share.snapshot()) == sorted(expected)
    assert lync_share.apply(check=True, **changed).changed() == 0


def test_credentials_in_the_files_masked_everywhere_escaped_and_0640(lync_share):
    phones = [phone(1, user='jsmith', password=NASTY, domain='BOR-EE'), phone(2, user="o'brien", password='Second&Secret<2>')]
    settings = dict(lync_provisioning_credentials='file', lync_provisioning_share_https=True, lync_provisioning_auth_domain='CORP',
                    lync_provisioning_phones=phones)
    run = lync_share.apply(diff=True, verbosity=4, **settings)
    assert run.rc == 0, run.output[-3000:]
    for secret in (NASTY, 'Second&Secret<2>', 'Second&amp;Secret', 'p&amp;&lt;w&gt;'):
        assert secret not in run.output
        assert secret not in json.dumps(run.results)
    assert 'reg.1.auth.password="********"' in run.output
    one = lync_share.params('%s-lync.cfg' % mac(1))
    assert (one['reg.1.auth.userId'], one['reg.1.auth.password'], one['reg.1.auth.domain']) == ('jsmith', NASTY, 'BOR-EE')
    two = lync_share.params('%s-lync.cfg' % mac(2))
    assert (two['reg.1.auth.userId'], two['reg.1.auth.password'], two['reg.1.auth.domain']) == ("o'brien", 'Second&Secret<2>', 'CORP')
    assert 'reg.1.auth.useLoginCredentials' not in one
    for index in (1, 2):
        assert stat.S_IMODE(os.stat(lync_share.path('%s-lync.cfg' % mac(index))).st_mode) == 0o640
    assert stat.S_IMODE(os.stat(lync_share.path('lync-shared.cfg')).st_mode) == 0o644
    assert NASTY not in open(lync_share.path(MANIFEST)).read()
    report = boot(lync_share.root, 1)
    assert report['lync']['registered'] and report['lync']['credentials'] == 'file'
    # a new password: one file changes; the diff shows the change masked, never the value
    phones[0]['password'] = 'Third&Secret'
    run = lync_share.apply(diff=True, **dict(settings, lync_provisioning_phones=phones))
    assert result_of(run)['updated'] == ['%s-lync.cfg' % mac(1)]
    assert 'Third' not in run.output and NASTY not in run.output
    assert '--- before: %s-lync.cfg' % mac(1) in run.output and '+++ after: %s-lync.cfg' % mac(1) in run.output
    assert '-    reg.1.auth.password="********"' in run.output
    assert '+    reg.1.auth.password="******** (changed)"' in run.output
    # credentials at the phone again: the files lose the credentials and go back to the role's default mode (kept: 0640)
    run = lync_share.apply(lync_provisioning_phones=[phone(1), phone(2)])
    assert sorted(result_of(run)['updated']) == ['%s-lync.cfg' % mac(1), '%s-lync.cfg' % mac(2)]
    assert 'reg.1.auth.password' not in lync_share.params('%s-lync.cfg' % mac(1))


def test_credentials_in_files_are_refused_on_a_share_not_declared_https(lync_share):
    phones = [phone(1, user='jsmith', password='pw', domain='BOR-EE')]
    run = lync_share.apply(lync_provisioning_credentials='file', lync_provisioning_phones=phones)
    assert run.rc != 0
    assert 'credentials: file puts SIP passwords into the per-phone files' in result_of(run)['msg']
    assert not os.path.exists(lync_share.root)
    run = lync_share.apply(lync_provisioning_credentials='file', lync_provisioning_allow_insecure_credentials=True, lync_provisioning_phones=phones)
    assert run.rc == 0 and lync_share.params('%s-lync.cfg' % mac(1))['reg.1.auth.password'] == 'pw'


def test_per_phone_masters_and_switching_strategies_with_prune(lync_share):
    os.makedirs(lync_share.root)
    with open(lync_share.path('site.cfg'), 'w') as handle:  # the admin's own file, named in CONFIG_FILES
        handle.write('<polycomConfig><tcpIpApp tcpIpApp.sntp.address="ntp.bor-ee.com"/></polycomConfig>\n')
    run = lync_share.apply(lync_provisioning_master='per_phone', lync_provisioning_phones=[phone(1), phone(2)],
                           lync_provisioning_config_files_first=['site.cfg'])
    assert run.rc == 0, run.output[-3000:]
    assert not os.path.exists(lync_share.path('000000000000.cfg'))
    master = lync_share.params('%s.cfg' % mac(2))
    assert master['CONFIG_FILES'] == 'site.cfg, %s-lync.cfg, lync-shared.cfg' % mac(2)
    report = boot(lync_share.root, 2, login_credentials=('u', 'p', 'D'))
    assert report['master'] == '%s.cfg' % mac(2) and report['lync']['registered']
    run = lync_share.apply(lync_provisioning_master='generic', lync_provisioning_phones=[phone(1), phone(2)], lync_provisioning_prune=True)
    assert sorted(result_of(run)['pruned']) == ['%s.cfg' % mac(1), '%s.cfg' % mac(2)]
    assert result_of(run)['created'] == ['000000000000.cfg']
    assert boot(lync_share.root, 2, login_credentials=('u', 'p', 'D'))['master'] == '000000000000.cfg'
    assert lync_share.params('site.cfg') == {'tcpIpApp.sntp.address': 'ntp.bor-ee.com'}


def test_phone_uploads_survive_every_run_and_prune_removes_only_its_own_files(lync_share):
    assert lync_share.apply(lync_provisioning_phones=[phone(i) for i in range(1, 5)]).rc == 0
    uploads = {}
    for index in (1, 3):
        for pattern, content in UPLOADS.items():
            path = lync_share.path(pattern % mac(index))
            with open(path, 'wb') as handle:
                handle.write(content)
            uploads[pattern % mac(index)] = content
    foreign = {'admin-notes.cfg': b'<x/>', '%s-lync.cfg' % mac(77): b'<copied by hand/>', 'sip.ld': b'firmware'}
    for name, content in foreign.items():
        with open(lync_share.path(name), 'wb') as handle:
            handle.write(content)
    with open(lync_share.path('%s-lync.cfg' % mac(4)), 'ab') as handle:
        handle.write(b'<!-- edited by hand -->\n')
    before = lync_share.snapshot()

    stale = lync_share.apply(lync_provisioning_phones=[phone(1)])
    assert sorted(result_of(stale)['stale']) == ['%s-lync.cfg' % mac(i) for i in (2, 3, 4)]
    assert touched(before, lync_share.snapshot()) == []
    pruned = lync_share.apply(lync_provisioning_phones=[phone(1)], lync_provisioning_prune=True)
    result = result_of(pruned)
    assert sorted(result['pruned']) == ['%s-lync.cfg' % mac(2), '%s-lync.cfg' % mac(3)]
    assert result['kept_modified'] == ['%s-lync.cfg' % mac(4)]
    assert '%s-lync.cfg was generated earlier but changed since; prune keeps it' % mac(4) in pruned.output
    after = lync_share.snapshot()
    assert touched(before, after) == sorted([MANIFEST, '%s-lync.cfg' % mac(2), '%s-lync.cfg' % mac(3)])
    for path, content in list(uploads.items()) + list(foreign.items()):
        assert after[path][0] == content and after[path][2] == before[path][2], path
    last = lync_share.apply(lync_provisioning_phones=[], lync_provisioning_prune=True)
    assert last.rc == 0, last.output[-3000:]  # no phones at all: the per-phone files go, uploads stay
    for path, content in uploads.items():
        assert lync_share.read(path) == content


def test_csv_phones_with_param_columns_and_warnings_for_unknown_names(lync_share):
    csv_path = os.path.join(lync_share.workdir, 'phones.csv')
    with open(csv_path, 'w') as handle:
        handle.write('mac,address,model,group,param:pres.idleTimeout.officeHours.period,param:volpProt.SIP.use486forReject\n')
        handle.write('# exported from the asset database\n')
        handle.write('00:04:F2:B0:00:01,sip:user1@bor-ee.com,VVX500,,60,\n')
        handle.write('0004.f2b0.0002,sip:user2@bor-ee.com,VVX1500,,,1\n')
    run = lync_share.apply(lync_provisioning_phones=[phone(3)], lync_provisioning_phones_csv=csv_path)
    assert run.rc == 0, run.output[-3000:]
    result = result_of(run)
    assert result['phones'] == 3
    assert lync_share.params('%s-lync.cfg' % mac(1))['pres.idleTimeout.officeHours.period'] == '60'
    assert lync_share.params('%s-lync.cfg' % mac(2))['volpProt.SIP.use486forReject'] == '1'
    assert ("phones.csv line 4 (mac %s) params: parameter 'volpProt.SIP.use486forReject' is not in the Lync guide's tables (2-5); "
            "closest known name: 'voIpProt.SIP.use486forReject'" % mac(2)) in ' '.join(run.output.split())
