"""The share reader: precedence, per-model attributes, MAC substitution, overrides, encrypted files, findings."""
import os
import time

import pytest

from ansible_collections.polycom.uc.plugins.module_utils.ucs_share import (
    MASKED, Share, analyze_phone, check_name, check_value, normalize_mac, share_info,
)

MAC = '0004f2aabbcc'
HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def write(root, name, text):
    path = os.path.join(str(root), name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)
    return path


def config(**params):
    attrs = ' '.join('%s="%s"' % (name.replace('__', '.'), value) for name, value in params.items())
    return HEADER + '<polycomConfig><x %s/></polycomConfig>\n' % attrs


def xml(attrs):
    """A config file from a list of (name, value) pairs, each in its own element, XML-escaped by hand."""
    def esc(value):
        return value.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')
    return HEADER + '<polycomConfig>%s</polycomConfig>\n' % ''.join('<e %s="%s"/>' % (n, esc(v)) for n, v in attrs)


def master(root, name='000000000000.cfg', **attrs):
    attrs.setdefault('APP_FILE_PATH', 'sip.ld')
    text = HEADER + '<APPLICATION %s/>\n' % ' '.join('%s="%s"' % item for item in attrs.items())
    write(root, name, text)


def kinds(result, kind):
    return [f for f in result['findings'] if f['kind'] == kind]


def values(result):
    return dict((k, v['value']) for k, v in result['parameters'].items())


def sources(result):
    return dict((k, v['source']) for k, v in result['parameters'].items())


def analyze(root, mac=MAC, model=None, **kw):
    return analyze_phone(Share(str(root)), mac, model, **kw)


def test_first_occurrence_wins_left_to_right(tmp_path):
    master(tmp_path, CONFIG_FILES='[PHONE_MAC_ADDRESS]-lync.cfg, lync-shared.cfg')
    write(tmp_path, MAC + '-lync.cfg', xml([('reg.1.address', 'sip:jsmith@bor-ee.com'), ('reg.1.auth.useLoginCredentials', '1')]))
    write(tmp_path, 'lync-shared.cfg', xml([('reg.1.address', 'sip:nobody@bor-ee.com'), ('voIpProt.server.1.transport', 'TLS')]))
    result = analyze(tmp_path)
    assert values(result) == {'reg.1.address': 'sip:jsmith@bor-ee.com', 'reg.1.auth.useLoginCredentials': '1', 'voIpProt.server.1.transport': 'TLS'}
    assert sources(result)['reg.1.address'] == MAC + '-lync.cfg'
    assert sources(result)['voIpProt.server.1.transport'] == 'lync-shared.cfg'
    shadowed = kinds(result, 'shadowed')
    assert [(f['file'], f['parameter'], f['shadowed_by'], f['severity']) for f in shadowed] == [
        ('lync-shared.cfg', 'reg.1.address', MAC + '-lync.cfg', 'warning')]
    assert [f['name'] for f in result['files']] == [
        MAC + '.cfg', '000000000000.cfg', MAC + '-lync.cfg', 'lync-shared.cfg', MAC + '-phone.cfg', MAC + '-web.cfg']
    assert result['master'] == '000000000000.cfg'


def test_first_occurrence_wins_inside_one_file_and_same_value_is_info(tmp_path):
    master(tmp_path, CONFIG_FILES='a.cfg,b.cfg')
    write(tmp_path, 'a.cfg', xml([('feature.presence.enabled', '1'), ('feature.presence.enabled', '0')]))
    write(tmp_path, 'b.cfg', xml([('feature.presence.enabled', '1')]))
    result = analyze(tmp_path)
    assert values(result) == {'feature.presence.enabled': '1'}
    assert sorted((f['file'], f['severity']) for f in kinds(result, 'shadowed')) == [('a.cfg', 'warning'), ('b.cfg', 'info')]


def test_mac_master_wins_over_factory_master(tmp_path):
    master(tmp_path, CONFIG_FILES='generic.cfg')
    master(tmp_path, name=MAC + '.cfg', CONFIG_FILES='own.cfg')
    write(tmp_path, 'generic.cfg', config(reg__1__address='generic'))
    write(tmp_path, 'own.cfg', config(reg__1__address='own'))
    result = analyze(tmp_path)
    assert result['master'] == MAC + '.cfg'
    assert values(result) == {'reg.1.address': 'own'}
    assert [f['name'] for f in result['files'] if f['role'] == 'master'] == [MAC + '.cfg']
    other = analyze(tmp_path, mac='0004f2000001')
    assert other['master'] == '000000000000.cfg' and values(other) == {'reg.1.address': 'generic'}


def test_per_model_attributes_win_over_generic(tmp_path):
    master(tmp_path, CONFIG_FILES='generic.cfg', CONFIG_FILES_VVX500='vvx500.cfg', APP_FILE_PATH_VVX500='2345-44500-001.sip.ld',
           LOG_FILE_DIRECTORY='logs', LOG_FILE_DIRECTORY_VVX500='vvxlogs')
    write(tmp_path, 'generic.cfg', config(reg__1__address='generic'))
    write(tmp_path, 'vvx500.cfg', config(reg__1__address='vvx'))
    vvx = analyze(tmp_path, model='VVX500')
    assert values(vvx) == {'reg.1.address': 'vvx'}
    assert vvx['app_file_path'] == '2345-44500-001.sip.ld'
    assert vvx['directories']['LOG_FILE_DIRECTORY'] == 'vvxlogs'
    spip = analyze(tmp_path, model='SPIP650')
    assert values(spip) == {'reg.1.address': 'generic'} and spip['app_file_path'] == 'sip.ld'
    unknown = analyze(tmp_path)
    assert values(unknown) == {'reg.1.address': 'generic'}
    assert kinds(unknown, 'model_unknown') and not kinds(vvx, 'model_unknown')


def test_mac_substitution_in_every_entry(tmp_path):
    master(tmp_path, CONFIG_FILES='phones/[PHONE_MAC_ADDRESS].cfg, [PHONE_MAC_ADDRESS]-x.cfg')
    write(tmp_path, 'phones/%s.cfg' % MAC, config(reg__1__address='a'))
    write(tmp_path, '%s-x.cfg' % MAC, config(msg__mwi__1__callBackMode='contact'))
    result = analyze(tmp_path)
    assert sources(result) == {'reg.1.address': 'phones/%s.cfg' % MAC, 'msg.mwi.1.callBackMode': '%s-x.cfg' % MAC}


def test_override_files_beat_config_files_phone_before_web(tmp_path):
    master(tmp_path, CONFIG_FILES='a.cfg', OVERRIDES_DIRECTORY='overrides')
    write(tmp_path, 'a.cfg', config(pres__idleTimeout__offHours__period='15', feature__presence__enabled='1', roaming_buddies__reg='1'))
    write(tmp_path, 'overrides/%s-web.cfg' % MAC,
          HEADER + '<PHONE_CONFIG><OVERRIDES pres.idleTimeout.offHours.period="30" feature.presence.enabled="0"/></PHONE_CONFIG>')
    write(tmp_path, 'overrides/%s-phone.cfg' % MAC, HEADER + '<PHONE_CONFIG><OVERRIDES pres.idleTimeout.offHours.period="45"/></PHONE_CONFIG>')
    result = analyze(tmp_path)
    assert values(result) == {'pres.idleTimeout.offHours.period': '45', 'feature.presence.enabled': '0', 'roaming_buddies.reg': '1'}
    assert sources(result)['pres.idleTimeout.offHours.period'] == 'overrides/%s-phone.cfg' % MAC
    assert sources(result)['feature.presence.enabled'] == 'overrides/%s-web.cfg' % MAC
    roles = [(f['name'], f['role'], f['status']) for f in result['files']]
    assert roles[-2:] == [('overrides/%s-phone.cfg' % MAC, 'override', 'read'), ('overrides/%s-web.cfg' % MAC, 'override', 'read')]


def test_missing_override_files_are_not_findings_but_missing_config_files_are(tmp_path):
    master(tmp_path, CONFIG_FILES='a.cfg,gone.cfg')
    write(tmp_path, 'a.cfg', config(reg__1__address='a'))
    result = analyze(tmp_path)
    assert [f['file'] for f in kinds(result, 'missing_file')] == ['gone.cfg']
    assert [f for f in result['files'] if f['role'] == 'override' and f['status'] == 'missing']


def test_encrypted_files_are_reported_and_not_read(tmp_path):
    master(tmp_path, CONFIG_FILES='secret.cfg,a.cfg')
    write(tmp_path, 'secret.cfg', 'Crypt=1;KeyDesc=site;Digest=0123456789abcdef0123456789abcdef;\n\x00\x01garbage')
    write(tmp_path, 'a.cfg', config(reg__1__address='a'))
    result = analyze(tmp_path)
    assert values(result) == {'reg.1.address': 'a'}
    assert [(f['file'], f['severity']) for f in kinds(result, 'encrypted')] == [('secret.cfg', 'warning')]
    assert [f['status'] for f in result['files'] if f['name'] == 'secret.cfg'] == ['encrypted']


def test_an_encrypted_master_is_an_error(tmp_path):
    write(tmp_path, '000000000000.cfg', 'Crypt=1;KeyDesc=x;Digest=00;\nxx')
    result = analyze(tmp_path)
    assert [f['severity'] for f in kinds(result, 'encrypted')] == ['error'] and result['parameters'] == {}


def test_parse_errors_drop_the_whole_file(tmp_path):
    master(tmp_path, CONFIG_FILES='broken.cfg,a.cfg')
    write(tmp_path, 'broken.cfg', HEADER + '<polycomConfig><x reg.1.address="broken"></polycomConfig>')
    write(tmp_path, 'a.cfg', config(reg__1__address='a'))
    result = analyze(tmp_path)
    assert values(result) == {'reg.1.address': 'a'}
    found = kinds(result, 'parse_error')
    assert [f['file'] for f in found] == ['broken.cfg'] and 'mismatched tag' in found[0]['message']


def test_master_parse_error_and_no_master(tmp_path):
    assert [f['severity'] for f in kinds(analyze(tmp_path), 'no_master')] == ['error']
    write(tmp_path, '000000000000.cfg', '<APPLICATION CONFIG_FILES="a.cfg"')
    assert kinds(analyze(tmp_path), 'parse_error')
    write(tmp_path, '000000000000.cfg', '<notmaster CONFIG_FILES="a.cfg"/>')
    assert 'no APPLICATION element' in kinds(analyze(tmp_path), 'parse_error')[0]['message']


def test_element_text_is_ignored(tmp_path):
    master(tmp_path, CONFIG_FILES='a.cfg')
    write(tmp_path, 'a.cfg', HEADER + '<polycomConfig><reg.1.address>sip:x@y</reg.1.address><y reg.1.label="x"/></polycomConfig>')
    result = analyze(tmp_path)
    assert values(result) == {'reg.1.label': 'x'}
    assert [f['file'] for f in kinds(result, 'text_ignored')] == ['a.cfg']


def test_out_of_range_values_are_not_used(tmp_path):
    master(tmp_path, CONFIG_FILES='a.cfg,b.cfg')
    write(tmp_path, 'a.cfg', xml([('reg.1.server.1.transport', 'TCPOny'), ('pres.idleTimeout.offHours.period', '601'),
                                  ('voIpProt.server.1.specialInterop', 'lync2010')]))
    write(tmp_path, 'b.cfg', xml([('reg.1.server.1.transport', 'TLS'), ('voIpProt.server.1.specialInterop', 'lync2013')]))
    result = analyze(tmp_path)
    assert values(result) == {'voIpProt.server.1.specialInterop': 'lync2010'}
    errors = [(f['parameter'], f['file'], f['severity']) for f in kinds(result, 'out_of_range')]
    assert ('reg.1.server.1.transport', 'a.cfg', 'error') in errors
    assert ('pres.idleTimeout.offHours.period', 'a.cfg', 'error') in errors
    assert ('voIpProt.server.1.specialInterop', 'b.cfg', 'warning') in errors


@pytest.mark.parametrize('name, value, ok', [
    ('reg.1.server.1.transport', 'TCPOnly', True), ('reg.1.server.1.transport', 'TCPOny', False),
    ('voIpProt.server.1.transport', 'DNSnaptr', True), ('reg.2.server.1.specialInterop', 'ocs2007r2', True),
    ('reg.1.server.1.specialInterop', 'Lync2010', False), ('pres.idleTimeout.officeHours.period', '1', True),
    ('pres.idleTimeout.officeHours.period', '0', False), ('pres.idleTimeout.officeHours.period', 'ten', False),
    ('reg.1.auth.useLoginCredentials', '2', False), ('sec.srtp.key.lifetime', '2^31', True), ('anything.else', 'x', True),
])
def test_check_value(name, value, ok):
    assert (check_value(name, value) is None) is ok


@pytest.mark.parametrize('name, problem', [
    ('voIpProt.server.1.address', None), ('reg.3.auth.password', None), ('reg.1.address', None), ('reg.1.label', None),
    ('volpProt.server.1.address', 'did you mean voIpProt.server.1.address?'),
    ('reg.1.auth.userid', 'did you mean reg.1.auth.userId?'),
    ('voIpProt.server.1.specialInterOp', 'not a parameter of its family'),
    ('msg.mwi.1.callbackMode', 'did you mean msg.mwi.1.callBackMode?'),
    ('sec.TLS.customCaCert.1', None), ('tone.chord.ringer.1.freq.1', None),
])
def test_check_name(name, problem):
    found = check_name(name)
    if problem is None:
        assert found is None
    else:
        assert problem in found


def test_unknown_parameters_are_warned(tmp_path):
    master(tmp_path, CONFIG_FILES='a.cfg')
    write(tmp_path, 'a.cfg', xml([('volpProt.SIP.use486forReject', '1'), ('reg.1.address', 'x')]))
    result = analyze(tmp_path)
    assert [f['parameter'] for f in kinds(result, 'unknown_parameter')] == ['volpProt.SIP.use486forReject']


def test_escaped_values_and_secrets(tmp_path):
    password = 'p&<>"\'w:rd'
    pem = '-----BEGIN CERTIFICATE-----\nMIIDhzCCAvCgAwIBAgIJALYgWm5+/=\n-----END CERTIFICATE-----'
    master(tmp_path, CONFIG_FILES='a.cfg')
    write(tmp_path, 'a.cfg', xml([('reg.1.auth.password', password), ('sec.TLS.customCaCert.1', pem)]))
    masked = analyze(tmp_path)
    assert values(masked)['reg.1.auth.password'] == MASKED
    # attribute value normalisation turns a literal newline into a space, as for every XML reader
    assert values(masked)['sec.TLS.customCaCert.1'] == pem.replace('\n', ' ')
    shown = analyze(tmp_path, show_secrets=True)
    assert values(shown)['reg.1.auth.password'] == password


def test_device_parameters_need_their_set_flags(tmp_path):
    master(tmp_path, CONFIG_FILES='a.cfg')
    write(tmp_path, 'a.cfg', xml([('device.prov.serverName', 'x'), ('device.set', '1'), ('device.sntp.serverName', 'y'),
                                  ('device.sntp.serverName.set', '1')]))
    result = analyze(tmp_path)
    assert [f['parameter'] for f in kinds(result, 'device_not_applied')] == ['device.prov.serverName']


def test_config_files_limits(tmp_path):
    long_name = 'x' * 256 + '.cfg'
    master(tmp_path, CONFIG_FILES=','.join([long_name] + ['f%04d.cfg' % i for i in range(230)]))
    result = analyze(tmp_path)
    messages = [f['message'] for f in kinds(result, 'limit')]
    assert any('CONFIG_FILES has' in m for m in messages) and any('longer than 255' in m for m in messages)


def test_entries_outside_the_share_are_not_read(tmp_path):
    share = tmp_path / 'share'
    write(tmp_path, 'outside.cfg', config(reg__1__address='outside'))
    master(share, CONFIG_FILES='../outside.cfg')
    result = analyze(share)
    assert result['parameters'] == {} and 'outside the share' in kinds(result, 'missing_file')[0]['message']


def test_firmware_and_model_from_the_newest_log(tmp_path):
    master(tmp_path, CONFIG_FILES='a.cfg', CONFIG_FILES_VVX500='v.cfg', LOG_FILE_DIRECTORY='logs')
    write(tmp_path, 'a.cfg', config(reg__1__address='generic'))
    write(tmp_path, 'v.cfg', config(reg__1__address='vvx'))
    old = write(tmp_path, 'logs/%s-boot.log' % MAC, '0101000000|so   |4|00|Phone model: VVX500, MAC address: %s\n'
                '0101000000|so   |4|00|Application version: 4.0.0.1000\n' % MAC)
    os.utime(old, (time.time() - 100, time.time() - 100))
    write(tmp_path, 'logs/%s-app.log' % MAC, '0101000100|so   |4|00|Phone model: VVX500, MAC address: %s\n'
          '0101000100|so   |4|00|Application version: 4.0.1.13681\n' % MAC)
    result = analyze(tmp_path)
    assert result['device']['firmware_version'] == '4.0.1.13681'
    assert result['device']['log_file'] == 'logs/%s-app.log' % MAC
    assert result['device']['family'] == 'phone' and result['device']['mac_address'] == MAC
    assert result['model'] == 'VVX500' and values(result) == {'reg.1.address': 'vvx'}
    assert analyze(tmp_path, mac='0004f2000001')['device']['firmware_version'] is None


def test_share_info_discovers_phones(tmp_path):
    master(tmp_path, CONFIG_FILES='[PHONE_MAC_ADDRESS]-lync.cfg')
    master(tmp_path, name='0004f2000002.cfg', CONFIG_FILES='x.cfg')
    write(tmp_path, '0004f2000001-lync.cfg', config(reg__1__address='1'))
    write(tmp_path, 'logs/0004F2000003-app.log', 'Application version: 4.0.1.13681\n')
    write(tmp_path, 'overrides/0004f2000004-phone.cfg', '<PHONE_CONFIG/>')
    write(tmp_path, 'deadbeefdeadbeefdeadbeef.cfg', '<x/>')
    result = share_info(str(tmp_path))
    assert result['macs'] == ['0004f2000001', '0004f2000002', '0004f2000003', '0004f2000004']
    only = share_info(str(tmp_path), macs=['00:04:F2:00:00:01'], models={'00-04-f2-00-00-01': 'VVX500'})
    assert only['macs'] == ['0004f2000001'] and only['phones'][0]['model'] == 'VVX500'


@pytest.mark.parametrize('text', ['0004f2aabbc', '0004f2aabbcg', '', 'x'])
def test_normalize_mac_rejects(text):
    with pytest.raises(ValueError):
        normalize_mac(text)


LYNC_SHARED = [('voIpProt.server.1.address', 'pool.bor-ee.com'), ('voIpProt.server.1.transport', 'TLS'),
               ('voIpProt.server.1.specialInterop', 'lync2010')]


@pytest.mark.parametrize('per_phone, ready, credentials, reason', [
    ([('reg.1.address', 'sip:a@b.c'), ('reg.1.auth.useLoginCredentials', '1')], True, 'phone', None),
    ([('reg.1.address', 'sip:a@b.c'), ('reg.1.auth.userId', 'a'), ('reg.1.auth.password', 'p'), ('reg.1.auth.domain', 'D')], True, 'file', None),
    ([('reg.1.address', 'sip:a@b.c'), ('reg.1.auth.userId', 'a'), ('reg.1.auth.password', 'p')], False, None, 'no credentials'),
    ([('reg.1.auth.useLoginCredentials', '1')], False, 'phone', 'reg.1.address'),
    ([('reg.1.address', 'sip:a@b.c'), ('reg.1.auth.useLoginCredentials', '1'), ('reg.1.server.1.address', 'other.pool'),
      ('reg.1.server.1.transport', 'TCPOnly')], False, 'phone', 'transport TCPOnly'),
    ([('reg.1.address', 'sip:a@b.c'), ('reg.1.auth.useLoginCredentials', '1'), ('reg.1.server.1.specialInterop', 'ocs2007r2')],
     False, 'phone', 'specialInterop ocs2007r2'),
    # an out-of-range value that wins is not used, and the shadowed TLS is not used either: the default applies
    ([('reg.1.address', 'sip:a@b.c'), ('reg.1.auth.useLoginCredentials', '1'), ('voIpProt.server.1.transport', 'TCPOny')],
     False, 'phone', 'transport DNSnaptr'),
])
def test_lync_line_verdict(tmp_path, per_phone, ready, credentials, reason):
    master(tmp_path, CONFIG_FILES='[PHONE_MAC_ADDRESS]-lync.cfg,shared.cfg')
    write(tmp_path, MAC + '-lync.cfg', xml(per_phone))
    write(tmp_path, 'shared.cfg', xml(LYNC_SHARED))
    line = analyze(tmp_path)['lync']
    assert (line['ready'], line['credentials']) == (ready, credentials)
    assert (reason is None) == (line['reasons'] == [])
    if reason:
        assert any(reason in text for text in line['reasons'])


READY = [('reg.1.address', 'sip:a@b.c'), ('reg.1.auth.useLoginCredentials', '1')]
WEB_TCP = HEADER + '<PHONE_CONFIG><OVERRIDES voIpProt.server.1.transport="TCPOnly"/></PHONE_CONFIG>'


@pytest.mark.parametrize('shared_transport, web, ready, at_phone', [
    ('TLS', None, True, False),
    ('TLS', WEB_TCP, False, True),        # a user set TCPOnly at this phone: only its upload breaks line 1
    ('TCPOnly', None, False, False),      # the provisioned files break line 1
    ('TCPOnly', WEB_TCP, False, False),   # both: the provisioned files are broken whatever the phone uploaded
])
def test_lync_line_not_ready_at_phone_only_because_of_its_override_files(tmp_path, shared_transport, web, ready, at_phone):
    master(tmp_path, CONFIG_FILES='[PHONE_MAC_ADDRESS]-lync.cfg,shared.cfg', OVERRIDES_DIRECTORY='overrides')
    write(tmp_path, MAC + '-lync.cfg', xml(READY))
    write(tmp_path, 'shared.cfg', xml([(name, shared_transport if name.endswith('transport') else value) for name, value in LYNC_SHARED]))
    if web:
        write(tmp_path, 'overrides/%s-web.cfg' % MAC, web)
    line = analyze(tmp_path)['lync']
    assert (line['ready'], line['at_phone']) == (ready, at_phone), line
    summary = share_info(str(tmp_path), discover='configured', details=False)['summary']
    assert (summary['not_ready'], summary['not_ready_at_phone']) == (0 if ready else 1, 1 if at_phone else 0), summary


def test_summary_details_and_configured_discovery(tmp_path):
    master(tmp_path, CONFIG_FILES='[PHONE_MAC_ADDRESS]-lync.cfg,shared.cfg', LOG_FILE_DIRECTORY='logs', OVERRIDES_DIRECTORY='overrides')
    write(tmp_path, 'shared.cfg', xml(LYNC_SHARED))
    write(tmp_path, '0004f2000001-lync.cfg', xml([('reg.1.address', 'sip:a@b.c'), ('reg.1.auth.useLoginCredentials', '1')]))
    write(tmp_path, '0004f2000002-lync.cfg', xml([('reg.1.address', 'sip:b@b.c')]))
    write(tmp_path, 'logs/0004f2000003-app.log', 'Application version: 4.0.1.13681\n')     # a stranger's upload
    write(tmp_path, 'overrides/0004f2000004-phone.cfg', '<PHONE_CONFIG/>')
    everything = share_info(str(tmp_path))
    assert everything['macs'] == ['0004f2000001', '0004f2000002', '0004f2000003', '0004f2000004']
    assert everything['summary']['phones_with_errors'] == ['0004f2000003', '0004f2000004']  # their per-phone files are missing
    configured = share_info(str(tmp_path), discover='configured', details=False)
    assert configured['macs'] == ['0004f2000001', '0004f2000002']
    assert configured['summary'] == dict(phones=2, errors=0, warnings=0, lync_ready=1, phones_with_errors=[], phones_with_errors_count=0,
                                         first_errors=[], not_ready=1, phones_not_ready=['0004f2000002'], not_ready_at_phone=0,
                                         reasons={'no credentials: neither reg.1.auth.userId, .password and .domain nor '
                                                  'reg.1.auth.useLoginCredentials=1': 1})
    assert 'parameters' not in configured['phones'][0] and 'files' not in configured['phones'][0]
    assert configured['phones'][1]['lync']['reasons'] and not configured['phones'][0]['lync']['reasons']


def estate(root, phones):
    """A share of ``phones`` phones: most ready, every seventh without credentials, every eleventh reading a missing file."""
    master(root, CONFIG_FILES='[PHONE_MAC_ADDRESS]-lync.cfg,shared.cfg', OVERRIDES_DIRECTORY='overrides')
    write(root, 'shared.cfg', xml(LYNC_SHARED))
    macs = []
    for index in range(phones):
        mac = '0004f2%06x' % index
        macs.append((mac, 'VVX500'))
        if index % 11 == 5:
            master(root, name=mac + '.cfg', CONFIG_FILES='[PHONE_MAC_ADDRESS]-lync.cfg,missing.cfg,shared.cfg')
        params = [('reg.1.address', 'sip:u%d@b.c' % index)]
        if index % 7:
            params.append(('reg.1.auth.useLoginCredentials', '1'))
        write(root, mac + '-lync.cfg', xml(params))
    return macs


@pytest.mark.parametrize('cores', [2, 3, 4])
def test_the_phone_check_in_parallel_gives_the_same_tally_as_one_process(tmp_path, monkeypatch, cores):
    from ansible_collections.polycom.uc.plugins.module_utils import ucs_share
    phones = estate(tmp_path, 60)
    alone = ucs_share._tally(Share(str(tmp_path)), phones)
    monkeypatch.setattr(ucs_share, '_cores', lambda: cores)
    forked = []
    real_fork = ucs_share._fork_tally
    monkeypatch.setattr(ucs_share, '_fork_tally', lambda share, part: forked.append(len(part)) or real_fork(share, part))
    parallel = ucs_share._tally_in_parallel(Share(str(tmp_path)), phones)
    assert len(forked) == cores - 1 and sum(forked) < 60
    assert parallel.state() == alone.state()
    assert alone.not_ready and alone.with_errors and alone.reasons  # the estate exercises every list
    assert parallel.report() == alone.report() and parallel.refusal(True) == alone.refusal(True)


def test_a_phone_check_child_that_fails_has_its_slice_checked_by_the_parent(tmp_path, monkeypatch):
    from ansible_collections.polycom.uc.plugins.module_utils import ucs_share
    phones = estate(tmp_path, 30)
    alone = ucs_share._tally(Share(str(tmp_path)), phones)
    monkeypatch.setattr(ucs_share, '_cores', lambda: 2)
    real_tally = ucs_share._tally
    parent = os.getpid()

    def failing_in_children(share, part):
        if os.getpid() != parent:
            raise RuntimeError('a child that fails')
        return real_tally(share, part)
    monkeypatch.setattr(ucs_share, '_tally', failing_in_children)
    assert ucs_share._tally_in_parallel(Share(str(tmp_path)), phones).state() == alone.state()


def test_check_phones_forks_only_for_large_estates(tmp_path, monkeypatch):
    from ansible_collections.polycom.uc.plugins.module_utils import ucs_share
    phones = estate(tmp_path, 20)
    calls = []
    monkeypatch.setattr(ucs_share, '_tally_in_parallel', lambda share, part: calls.append(len(part)) or ucs_share._tally(share, part))
    ucs_share.check_phones(Share(str(tmp_path)), phones)
    assert calls == []
    monkeypatch.setattr(ucs_share, 'PARALLEL_FROM', 10)
    tally, refusal = ucs_share.check_phones(Share(str(tmp_path)), phones)
    assert calls == [20] and tally.phones == 20 and '3 of 20 phone(s) would not register' in refusal
